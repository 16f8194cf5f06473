package dev.descent.config;

import dev.descent.spi.PluginSpec;
import java.util.List;

/**
 * {@code training}: epochs, mini-batch size, the learning-rate schedule (a plain number is the
 * {@code constant} schedule), the optimizer, the L2 weight decay added to every weight's gradient
 * (0 = off), the dropout rate of each hidden layer (empty = none), the optional gradient-norm stop rule
 * (0 = off), early stopping (null = off), the kernels ({@code auto}, {@code simd} or {@code scalar}), the
 * threads they may use (results do not depend on it), and how often a checkpoint is saved (every that
 * many epochs; 0 = only when interrupted).
 */
public record TrainingConfig(int epochs, int batchSize, PluginSpec learningRate, PluginSpec optimizer,
                             double weightDecay, List<Double> dropout, double stopGradientNorm, EarlyStop earlyStop,
                             String kernels, int threads, int checkpointEvery) {
    public TrainingConfig {
        dropout = List.copyOf(dropout);
    }

    /** The same settings for a different number of epochs: what a resumed run may change. */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, optimizer, weightDecay, dropout, stopGradientNorm,
                earlyStop, kernels, threads, checkpointEvery);
    }
}
