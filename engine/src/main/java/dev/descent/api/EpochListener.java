package dev.descent.api;

import dev.descent.spi.EpochResult;

/**
 * Hears of each epoch of {@link Experiment#train(java.nio.file.Path, EpochListener)} once its row of
 * metrics.csv is written, on the training thread; training waits while it runs.
 */
@FunctionalInterface
public interface EpochListener {
    /** {@code result}'s epoch counts from 0; its costs are means per sample, its accuracies in [0, 1]. */
    void epochEnded(EpochResult result);
}
