package dev.descent.data.normalize;

import dev.descent.data.samples.RegressionTargets;
import java.util.Arrays;

/**
 * The standardisation of regression targets ({@code data.normalize-targets}): target t is trained on as
 * {@code (y - mean[t]) / scale[t]}, with the training targets' mean and standard deviation (scale 1 for
 * a constant target), and every prediction is mapped back with {@code y = z * scale[t] + mean[t]}, so
 * that predictions and metrics are in the target's own units. Both are computed in double and rounded
 * once to float, as in {@link FeatureScaling}. {@link #none} is the identity both ways.
 */
public record TargetScaling(double[] mean, double[] scale) {
    public TargetScaling {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException(mean.length + " means but " + scale.length + " scales");
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** The mean and standard deviation of each target of {@code training}. */
    public static TargetScaling fit(RegressionTargets training) {
        return fit(training.values(), training.width());
    }

    /** The mean and standard deviation of each of the {@code width} targets in row-major {@code values}. */
    public static TargetScaling fit(float[] values, int width) {
        ColumnStats stats = ColumnStats.of(values, width);
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int t = 0; t < width; t++) {
            mean[t] = stats.mean()[t];
            scale[t] = stats.std()[t] > 0 ? stats.std()[t] : 1;
        }
        return new TargetScaling(mean, scale);
    }

    /** Targets kept in their own units. */
    public static TargetScaling none(int width) {
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return new TargetScaling(new double[width], ones);
    }

    /** Targets per sample. */
    public int width() {
        return mean.length;
    }

    /** True when this scaling changes nothing. */
    public boolean isIdentity() {
        for (int t = 0; t < mean.length; t++) {
            if (mean[t] != 0 || scale[t] != 1) return false;
        }
        return true;
    }

    /** Standardises every target of {@code targets} in place; call once, right after reading. */
    public void standardizeInPlace(RegressionTargets targets) {
        requireWidth(targets.width());
        standardizeAll(targets.values());
    }

    /** Standardises every sample of the row-major targets {@code values} in place; call once. */
    public void standardizeAll(float[] values) {
        if (isIdentity()) return;
        for (int at = 0; at < values.length; at += mean.length) {
            for (int t = 0; t < mean.length; t++) values[at + t] = (float) ((values[at + t] - mean[t]) / scale[t]);
        }
    }

    /**
     * Maps the {@link #width()} standardised values of one sample at {@code values[offset ..]} back to
     * target units, in place.
     */
    public void toTargetUnits(float[] values, int offset) {
        if (isIdentity()) return;
        for (int t = 0; t < mean.length; t++) values[offset + t] = (float) (values[offset + t] * scale[t] + mean[t]);
    }

    private void requireWidth(int width) {
        if (width != mean.length) {
            throw new IllegalArgumentException("scaling for %d targets applied to %d".formatted(mean.length, width));
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }
}
