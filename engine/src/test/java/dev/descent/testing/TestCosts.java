package dev.descent.testing;

import dev.descent.spi.Cost;

/**
 * Costs for the engine's tests, written here since they do not depend on the plugins module. The
 * {@code factor} variants scale the gradient to make a deliberately wrong derivative that a gradient
 * check must catch.
 */
public final class TestCosts {
    /** 1/2 ||a - y||^2 with its right gradient a - y. */
    public static final Cost QUADRATIC = quadratic(1f);

    /** Softmax outputs with the log-likelihood cost, fused, with its right output delta a - y. */
    public static final Cost SOFTMAX = softmax(1f);

    private TestCosts() {
    }

    /** 1/2 ||a - y||^2 whose gradient is {@code factor (a - y)}: right for factor 1. */
    public static Cost quadratic(float factor) {
        return new Cost() {
            @Override
            public double costAndGradient(float[] a, float[] y, int rows, int width, float[] gradient) {
                double sum = 0;
                for (int i = 0; i < rows * width; i++) {
                    gradient[i] = factor * (a[i] - y[i]);
                    sum += (double) (a[i] - y[i]) * (a[i] - y[i]);
                }
                return sum / 2;
            }

            @Override
            public String toString() {
                return factor == 1f ? "quadratic" : "quadratic with gradient x" + factor;
            }
        };
    }

    /** -sum[y ln a + (1 - y) ln(1 - a)], defined on (0, 1) only: NaN outside, so a step out of range shows. */
    public static final Cost CROSS_ENTROPY = new Cost() {
        @Override
        public double costAndGradient(float[] a, float[] y, int rows, int width, float[] gradient) {
            double sum = 0;
            for (int i = 0; i < rows * width; i++) {
                double ai = a[i];
                if (!(ai > 0 && ai < 1)) return Double.NaN;
                sum -= y[i] * Math.log(ai) + (1 - y[i]) * Math.log(1 - ai);
                gradient[i] = (float) ((ai - y[i]) / (ai * (1 - ai)));
            }
            return sum;
        }

        @Override
        public String toString() {
            return "cross-entropy";
        }
    };

    /** Softmax outputs with the log-likelihood cost, fused: dC/dz is {@code factor (a - y)}, right for factor 1. */
    public static Cost softmax(float factor) {
        return new Cost() {
            @Override
            public double costAndGradient(float[] a, float[] y, int rows, int width, float[] gradient) {
                double sum = 0;
                for (int i = 0; i < rows * width; i++) {
                    gradient[i] = factor * (a[i] - y[i]);
                    if (y[i] != 0f) sum -= y[i] * Math.log(a[i]);
                }
                return sum;
            }

            @Override
            public boolean fusesOutputActivation() {
                return true;
            }

            @Override
            public void activateOutput(float[] z, int rows, int width, float[] a) {
                for (int r = 0; r < rows; r++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < width; j++) max = Math.max(max, z[r * width + j]);
                    double total = 0;
                    for (int j = 0; j < width; j++) total += Math.exp(z[r * width + j] - max);
                    for (int j = 0; j < width; j++) {
                        a[r * width + j] = (float) (Math.exp(z[r * width + j] - max) / total);
                    }
                }
            }

            @Override
            public String toString() {
                return factor == 1f ? "softmax" : "softmax with gradient x" + factor;
            }
        };
    }
}
