package dev.descent.training;

import dev.descent.spi.EpochResult;
import java.util.List;

/**
 * What a training run produced: each epoch's result, why it stopped, and the epoch whose weights the
 * network holds at the end (the last, or with early stopping the best).
 */
public record TrainingResult(List<EpochResult> epochs, StopReason stopReason, double trainSeconds, long samplesTrained,
                             int keptEpoch) {
    public enum StopReason { EPOCHS_DONE, GRADIENT_NORM, EARLY_STOP, INTERRUPTED }

    /** The last finished epoch's result; a run interrupted during its first epoch has none. */
    public EpochResult last() {
        return epochs.getLast();
    }

    /** The result of the epoch whose weights the network holds. */
    public EpochResult kept() {
        return epochs.get(keptEpoch);
    }

    public double samplesPerSecond() {
        return trainSeconds > 0 ? samplesTrained / trainSeconds : 0;
    }
}
