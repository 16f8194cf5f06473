package dev.descent.training;

import dev.descent.spi.EpochResult;

/** Told about each finished epoch, after its evaluation: logs, metrics files, progress. */
@FunctionalInterface
public interface EpochListener {
    /** {@code samplesPerSecond} counts training samples over the epoch's training time. */
    void epochEnded(EpochResult result, double samplesPerSecond);
}
