package dev.descent.spi;

/**
 * What one epoch achieved: epoch counts from 0; costs are means per sample; accuracies are in [0, 1];
 * gradientNorm is the Euclidean norm of the epoch's mean mini-batch gradient; the validation figures
 * are NaN when no validation set is held out. A regression has no accuracies (NaN) but the test set's
 * root mean square error, mean absolute error and coefficient of determination, in the targets' own
 * units; a classification has those NaN.
 */
public record EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                          double gradientNorm, double learningRate, double seconds,
                          double validationCost, double validationAccuracy,
                          double testRmse, double testMae, double testR2) {
    /** A classification's result. */
    public EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                       double gradientNorm, double learningRate, double seconds,
                       double validationCost, double validationAccuracy) {
        this(epoch, trainCost, testCost, testAccuracy, gradientNorm, learningRate, seconds, validationCost,
                validationAccuracy, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A result without validation figures. */
    public EpochResult(int epoch, double trainCost, double testCost, double testAccuracy,
                       double gradientNorm, double learningRate, double seconds) {
        this(epoch, trainCost, testCost, testAccuracy, gradientNorm, learningRate, seconds, Double.NaN, Double.NaN);
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationCost);
    }

    /** True for a regression's result, which has the test errors instead of accuracies. */
    public boolean isRegression() {
        return !Double.isNaN(testRmse);
    }
}
