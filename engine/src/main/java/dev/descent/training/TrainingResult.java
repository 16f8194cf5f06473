package dev.descent.training;

import dev.descent.spi.EpochResult;
import java.util.List;

/** What a training run produced: each epoch's result, and why it stopped. */
public record TrainingResult(List<EpochResult> epochs, StopReason stopReason, double trainSeconds, long samplesTrained) {
    public enum StopReason { EPOCHS_DONE, GRADIENT_NORM }

    public EpochResult last() {
        return epochs.getLast();
    }

    public double samplesPerSecond() {
        return trainSeconds > 0 ? samplesTrained / trainSeconds : 0;
    }
}
