package dev.descent.spi;

/**
 * What one epoch achieved: epoch counts from 0; costs are means per sample; accuracy is in [0, 1];
 * gradientNorm is the Euclidean norm of the epoch's mean mini-batch gradient.
 */
public record EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                          double gradientNorm, double learningRate, double seconds) {
}
