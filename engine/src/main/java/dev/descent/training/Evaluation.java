package dev.descent.training;

/**
 * A network measured on a data set: accuracy in [0, 1], mean cost per sample, and the confusion
 * matrix, {@code confusion[actual][predicted]} sample counts; for a regression, accuracy NaN, no confusion
 * matrix, and the errors in the targets' own units: root mean square, mean absolute (both over every
 * target of every sample) and R^2 = 1 - (sum of squared errors) / (sum of squared deviations from each
 * target's mean), NaN for a classification.
 */
public record Evaluation(double accuracy, double cost, int[][] confusion, double rmse, double mae, double r2) {
    /** A classification's evaluation. */
    public Evaluation(double accuracy, double cost, int[][] confusion) {
        this(accuracy, cost, confusion, Double.NaN, Double.NaN, Double.NaN);
    }
}
