package dev.descent.training;

import dev.descent.spi.EpochResult;

/** A {@link TrainingListener} that only hears of finished epochs: logs, metrics files. */
@FunctionalInterface
public interface EpochListener extends TrainingListener {
    /** {@code samplesPerSecond} counts training samples over the epoch's training time. */
    void epochEnded(EpochResult result, double samplesPerSecond);

    @Override
    default void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        epochEnded(result, samplesPerSecond);
    }
}
