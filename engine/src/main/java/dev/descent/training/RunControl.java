package dev.descent.training;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a run is steered from outside the training loop: where it resumes from, when it saves its
 * state, and whether it has been asked to stop (Ctrl-C), which it honours at the end of the current
 * mini-batch after saving its state.
 *
 * @param resumeFrom the state to continue from, or null for a fresh run
 * @param checkpointEvery save the state after every this many epochs; 0 saves only when stopped
 * @param checkpoints where states go
 * @param stopRequested polled after every mini-batch
 * @param progress told of the epoch's progress every few mini-batches
 */
public record RunControl(TrainingState resumeFrom, int checkpointEvery, Consumer<TrainingState> checkpoints,
                         BooleanSupplier stopRequested, Progress progress) {
    /** A run from scratch that saves nothing and runs to its end. */
    public static final RunControl NONE = new RunControl(null, 0, state -> { }, () -> false, Progress.NONE);

    /** Progress within an epoch, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (epoch, samplesDone, samplesTotal, costSum, seconds) -> { };

        /** {@code costSum} sums the training cost of the epoch's first {@code samplesDone} samples. */
        void update(int epoch, long samplesDone, long samplesTotal, double costSum, double seconds);
    }
}
