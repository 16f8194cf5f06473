package dev.descent.data.normalize;

import dev.descent.data.samples.Samples;
import java.util.Arrays;

/**
 * The input normalisation of one model: input j becomes {@code (float) ((x - shift[j]) / scale[j])},
 * computed in double and rounded once, with statistics from the training samples only. The statistics
 * are doubles because a float shift would be off by up to half a float step of the mean: for a feature
 * near 1000 with spread 0.01 that moves every normalised value by 0.003. {@link Normalization#STANDARD}: shift the
 * mean, scale the standard deviation; {@link Normalization#MIN_MAX}: shift the minimum, scale the range;
 * a constant input gets scale 1, so it becomes 0 instead of a division by zero. {@link
 * Normalization#NONE} leaves every value untouched (no arithmetic at all, so the bits stay those read).
 */
public record FeatureScaling(Normalization method, double[] shift, double[] scale) {
    public FeatureScaling {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException(shift.length + " shifts but " + scale.length + " scales");
        }
        shift = shift.clone();
        scale = scale.clone();
    }

    /** Fits {@code method} on {@code training}'s features. */
    public static FeatureScaling fit(Normalization method, Samples training) {
        return fit(method, training.features(), training.width());
    }

    /** Fits {@code method} on training inputs {@code features}, {@code width} per sample, row-major. */
    public static FeatureScaling fit(Normalization method, float[] features, int width) {
        if (method == Normalization.NONE) return none(width);
        ColumnStats stats = ColumnStats.of(features, width);
        double[] shift = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            double s;
            if (method == Normalization.STANDARD) {
                shift[j] = stats.mean()[j];
                s = stats.std()[j];
            } else {
                shift[j] = stats.min()[j];
                s = (double) stats.max()[j] - stats.min()[j];
            }
            scale[j] = s > 0 ? s : 1;
        }
        return new FeatureScaling(method, shift, scale);
    }

    /** No normalisation of {@code width} inputs. */
    public static FeatureScaling none(int width) {
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return new FeatureScaling(Normalization.NONE, new double[width], ones);
    }

    /** Inputs per sample. */
    public int width() {
        return shift.length;
    }

    /** Normalises every sample of {@code samples} in place; call once, right after reading. */
    public void applyInPlace(Samples samples) {
        if (samples.width() != width()) {
            throw new IllegalArgumentException("scaling for %d inputs applied to %s".formatted(width(), samples));
        }
        applyToAll(samples.features());
    }

    /** Normalises every sample of the row-major inputs {@code values} in place; call once, right after reading. */
    public void applyToAll(float[] values) {
        if (method == Normalization.NONE) return;
        for (int at = 0; at < values.length; at += width()) applyInPlace(values, at);
    }

    /** Normalises the {@link #width()} inputs of one sample at {@code values[offset ..]} in place. */
    public void applyInPlace(float[] values, int offset) {
        if (method == Normalization.NONE) return;
        for (int j = 0; j < shift.length; j++) {
            values[offset + j] = (float) ((values[offset + j] - shift[j]) / scale[j]);
        }
    }

    /**
     * The raw values the normalised inputs of one sample at {@code values[offset ..]} came from, in place:
     * {@code x * scale + shift}, for showing a sample as the user wrote it (equal to the original within the
     * rounding of the normalised float).
     */
    public void invertInPlace(float[] values, int offset) {
        if (method == Normalization.NONE) return;
        for (int j = 0; j < shift.length; j++) {
            values[offset + j] = (float) (values[offset + j] * scale[j] + shift[j]);
        }
    }

    /**
     * A typical raw value of each input, to start a form with: the training mean ({@link
     * Normalization#STANDARD}), the middle of the training range ({@link Normalization#MIN_MAX}), 0 without
     * statistics ({@link Normalization#NONE}).
     */
    public double[] typical() {
        double[] t = new double[shift.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = switch (method) {
                case STANDARD -> shift[j];
                case MIN_MAX -> shift[j] + scale[j] / 2;
                case NONE -> 0;
            };
        }
        return t;
    }

    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }
}
