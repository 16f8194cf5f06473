package dev.descent.training.listener;

import dev.descent.spi.EpochResult;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingResult;

/** {@code training.stop.gradient-norm}: stops the run after an epoch whose gradient norm fell below the threshold. */
public final class GradientNormStop implements TrainingListener {
    private final double threshold;

    public GradientNormStop(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        if (result.gradientNorm() < threshold) run.stop(TrainingResult.StopReason.GRADIENT_NORM);
    }
}
