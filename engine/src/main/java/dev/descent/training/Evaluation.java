package dev.descent.training;

/**
 * A network measured on a data set: accuracy in [0, 1], mean cost per sample, and the confusion
 * matrix, {@code confusion[actual][predicted]} sample counts.
 */
public record Evaluation(double accuracy, double cost, int[][] confusion) {
}
