package dev.descent.export;

/**
 * What a model applies to its last layer's output: {@code y[t] = z[t] * scale[t] + mean[t]}, in float32 as
 * a multiplication then an addition, which maps a regression's standardised outputs back to the targets'
 * own units. The arrays are not copied.
 */
public record OutputScaling(float[] scale, float[] mean) {
    public OutputScaling {
        if (mean.length != scale.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and scale need one value per output: " + mean.length + " and "
                    + scale.length);
        }
        for (int t = 0; t < mean.length; t++) {
            if (!Float.isFinite(mean[t]) || !Float.isFinite(scale[t])) {
                throw new IllegalArgumentException("output " + t + " has scale " + scale[t] + " and mean " + mean[t]);
            }
        }
    }

    public int outputs() {
        return mean.length;
    }
}
