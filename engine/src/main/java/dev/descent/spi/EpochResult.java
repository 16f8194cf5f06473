package dev.descent.spi;

/**
 * What one epoch achieved: epoch counts from 0; costs are means per sample; accuracies are in [0, 1];
 * gradientNorm is the Euclidean norm of the epoch's mean mini-batch gradient; the validation figures
 * are NaN when no validation set is held out.
 */
public record EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                          double gradientNorm, double learningRate, double seconds,
                          double validationCost, double validationAccuracy) {
    /** A result without validation figures. */
    public EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                       double gradientNorm, double learningRate, double seconds) {
        this(epoch, trainCost, testCost, testAccuracy, gradientNorm, learningRate, seconds, Double.NaN, Double.NaN);
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationCost);
    }
}
