package dev.descent.spi;

/**
 * Where training is: {@code epoch} counts from 0, {@code step} is the global mini-batch index from 0,
 * {@code stepsPerEpoch} and {@code epochs} give the length of the run.
 */
public record TrainingProgress(int epoch, long step, int stepsPerEpoch, int epochs) {
}
