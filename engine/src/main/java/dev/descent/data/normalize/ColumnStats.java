package dev.descent.data.normalize;

import java.util.Arrays;

/**
 * Per-column statistics of a row-major float array, summed in double so that a million rows lose
 * nothing to rounding: mean, population standard deviation (two passes, no cancellation), minimum and
 * maximum.
 */
record ColumnStats(double[] mean, double[] std, float[] min, float[] max) {
    static ColumnStats of(float[] values, int width) {
        int rows = values.length / width;
        double[] mean = new double[width];
        float[] min = new float[width];
        float[] max = new float[width];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++) {
            int row = i * width;
            for (int j = 0; j < width; j++) {
                float v = values[row + j];
                mean[j] += v;
                if (v < min[j]) min[j] = v;
                if (v > max[j]) max[j] = v;
            }
        }
        for (int j = 0; j < width; j++) mean[j] /= rows;
        double[] var = new double[width];
        for (int i = 0; i < rows; i++) {
            int row = i * width;
            for (int j = 0; j < width; j++) {
                double d = values[row + j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] std = new double[width];
        for (int j = 0; j < width; j++) std[j] = Math.sqrt(var[j] / rows);
        return new ColumnStats(mean, std, min, max);
    }
}
