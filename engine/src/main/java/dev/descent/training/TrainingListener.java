package dev.descent.training;

import dev.descent.spi.EpochResult;

/**
 * Told what a training run does, in the order listeners were given to the {@link Trainer}: early
 * stopping, checkpoints, divergence checks, progress and logs are listeners (see
 * {@code dev.descent.training.listener}). Calls come on the training thread, between mini-batches;
 * a listener that throws ends the run with its exception.
 */
public interface TrainingListener {
    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() { };

    /** Before the first mini-batch, after a resumed run's state has been restored. */
    default void started(RunState run) {
    }

    /** After each mini-batch has been stepped ({@link RunState#batchCost}, {@link RunState#rate}). */
    default void batchDone(RunState run) {
    }

    /**
     * After each epoch's evaluation; {@code result} is the last of {@link RunState#results}, and
     * {@code samplesPerSecond} counts training samples over the epoch's training time.
     */
    default void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
    }

    /**
     * The run was asked from outside to stop (Ctrl-C, SIGTERM) and returns after this call, at the
     * end of a mini-batch or of an epoch: the place to save its state.
     */
    default void stopRequested(RunState run) {
    }

    /** The run ends for {@code reason}; the network holds the weights it ends with after this call. */
    default void finished(RunState run, TrainingResult.StopReason reason) {
    }
}
