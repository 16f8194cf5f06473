package dev.descent.export;

/**
 * The preprocessing a model applies to each raw feature before its first layer:
 * {@code (x[k] - mean[k]) / scale[k]}, computed in float32 as a subtraction then a division. Training
 * statistics of this kind (issue 13's {@code normalize: standard | min-max}) are what a model records;
 * the arrays are not copied.
 */
public record InputNormalization(float[] mean, float[] scale) {
    public InputNormalization {
        if (mean.length != scale.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and scale need one value per feature: " + mean.length + " and "
                    + scale.length);
        }
        for (int k = 0; k < mean.length; k++) {
            if (!Float.isFinite(mean[k])) throw new IllegalArgumentException("mean of feature " + k + " is " + mean[k]);
            if (!Float.isFinite(scale[k]) || scale[k] == 0f) {
                throw new IllegalArgumentException("scale of feature " + k + " is " + scale[k]
                        + "; it must be finite and not 0");
            }
        }
    }

    public int features() {
        return mean.length;
    }
}
