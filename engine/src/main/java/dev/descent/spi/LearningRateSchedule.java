package dev.descent.spi;

/**
 * The learning rate eta as a function of training progress. Asked once per mini-batch.
 * A schedule may keep state (for example a plateau counter) updated in {@link #epochEnded}.
 */
public interface LearningRateSchedule {
    /** The rate for the mini-batch about to be applied. */
    double rate(TrainingProgress progress);

    /** Called after each epoch's evaluation, before the next epoch's first {@link #rate} call. */
    default void epochEnded(EpochResult result) {
    }
}
