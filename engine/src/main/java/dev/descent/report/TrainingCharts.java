package dev.descent.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The four charts of a run's metrics, the same on the page and in curves.png. */
final class TrainingCharts {
    static final int BLUE = 0x1f77b4;
    static final int ORANGE = 0xff7f0e;
    static final int GREEN = 0x2ca02c;
    static final int PURPLE = 0x9467bd;
    static final int RED = 0xd62728;

    private TrainingCharts() {
    }

    /** Cost, accuracy (a regression: test error), learning rate and gradient norm against the epoch, in that order. */
    public static List<LineChart> of(List<EpochMetrics> epochs) {
        double[] x = column(epochs, m -> m.epoch());
        boolean validation = epochs.stream().anyMatch(EpochMetrics::hasValidation);
        LineChart cost = new LineChart("Cost", "epoch", "mean cost per sample").includeZero()
                .add("train", BLUE, x, column(epochs, EpochMetrics::trainCost))
                .add("test", ORANGE, x, column(epochs, EpochMetrics::testCost));
        boolean regression = epochs.stream().anyMatch(m -> !Double.isNaN(m.testRmse()));
        // A regression has no accuracy: its second chart is the test error, in the targets' units.
        LineChart accuracy = regression
                ? new LineChart("Test error", "epoch", "rmse in the targets' units").includeZero()
                        .add("test", ORANGE, x, column(epochs, EpochMetrics::testRmse))
                : new LineChart("Accuracy", "epoch", "share classified right")
                        .add("test", ORANGE, x, column(epochs, EpochMetrics::testAccuracy));
        if (validation) {
            cost.addDashed("validation", GREEN, x, column(epochs, EpochMetrics::validationCost));
            if (!regression) {
                accuracy.addDashed("validation", GREEN, x, column(epochs, EpochMetrics::validationAccuracy));
            }
        }
        LineChart rate = new LineChart("Learning rate", "epoch", "rate at the epoch's last step").includeZero()
                .add("learning rate", PURPLE, x, column(epochs, EpochMetrics::learningRate));
        LineChart norm = new LineChart("Gradient norm", "epoch", "norm of the epoch's mean gradient").includeZero()
                .add("gradient norm", RED, x, column(epochs, EpochMetrics::gradientNorm));
        return List.of(cost, accuracy, rate, norm);
    }

    private static double[] column(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> f) {
        return epochs.stream().mapToDouble(f).toArray();
    }
}
