package dev.descent.gradcheck;

import dev.descent.kernel.Activation;
import dev.descent.kernel.Kernels;
import dev.descent.spi.Cost;

/**
 * The gradient of one sample's cost by central differences of the cost plugin's own value: what its
 * {@link Cost#costAndGradient} must write. For a cost that fuses its output activation that is dC/dz
 * (the cost's {@link Cost#activateOutput} runs before every evaluation), otherwise dC/da.
 *
 * <p>A cost reads float activations, so the perturbed points are floats; the difference is divided by
 * the distance between the two floats actually passed, computed exactly in double, so rounding the
 * points costs no accuracy. Steps stay inside the output activation's range (a sigmoid output is
 * moved by a hundredth of its distance to 0 or 1), where a cost such as cross-entropy is defined;
 * two steps are combined by Richardson extrapolation, which cancels the leading truncation error.
 */
public final class CostDifferences {
    /** A hundredth of the room to the nearest bound of the activation's range, at most 1e-2. */
    static final double RELATIVE_STEP = 1e-2;
    /**
     * On weighted inputs, which have no bound: large, because the cost reads softmax outputs rounded
     * to float (6e-8 relative), an error divided by the step; the extrapolation below leaves a
     * truncation error of order step^4 / 100 (~1e-6).
     */
    static final double FUSED_STEP = 0.1;

    private CostDifferences() {
    }

    /**
     * dC/dx for one sample by central differences, where x is {@code at}: the output layer's
     * activations, or its weighted inputs when the cost fuses its output activation. {@code activation}
     * is the network's (it bounds the steps when the cost does not fuse); {@code targets} has
     * {@code width} entries. A ReLU output at 0 gets 0: it can move only across the kink.
     */
    public static double[] gradient(Cost cost, Activation activation, float[] at, float[] targets, int width) {
        boolean fused = cost.fusesOutputActivation();
        float[] point = new float[width + Kernels.SLACK];
        float[] outputs = new float[width + Kernels.SLACK];
        float[] y = new float[width + Kernels.SLACK];
        float[] scratch = new float[width + Kernels.SLACK];
        System.arraycopy(at, 0, point, 0, width);
        System.arraycopy(targets, 0, y, 0, width);
        double[] gradient = new double[width];
        for (int k = 0; k < width; k++) {
            float x = at[k];
            if (!fused && activation == Activation.RELU && x <= 0f) continue;
            double step = fused ? FUSED_STEP : RELATIVE_STEP * Math.min(1.0, room(activation, x));
            // Richardson: (4 D(step / 2) - D(step)) / 3 cancels the step^2 error term of central differences.
            double coarse = difference(cost, fused, activation, point, k, step, outputs, y, scratch, width);
            double fine = difference(cost, fused, activation, point, k, step / 2, outputs, y, scratch, width);
            gradient[k] = (4 * fine - coarse) / 3;
        }
        return gradient;
    }

    /** (C(x + step) - C(x - step)) / (the distance between the two floats passed), for entry k. */
    private static double difference(Cost cost, boolean fused, Activation activation, float[] point, int k, double step,
                                     float[] outputs, float[] y, float[] scratch, int width) {
        float x = point[k];
        float plus = (float) (x + step);
        float minus = (float) (x - step);
        // Within a few ulps of a bound (a saturated sigmoid): the neighbouring floats, one-sided at the bound.
        if (plus <= x) plus = Math.nextUp(x);
        if (minus >= x) minus = Math.nextDown(x);
        if (!fused && !inside(activation, plus)) plus = x;
        if (!fused && !inside(activation, minus)) minus = x;
        if (plus == minus) return 0;
        point[k] = plus;
        double up = value(cost, fused, point, outputs, y, scratch, width);
        point[k] = minus;
        double down = value(cost, fused, point, outputs, y, scratch, width);
        point[k] = x;
        return (up - down) / ((double) plus - (double) minus);
    }

    private static double value(Cost cost, boolean fused, float[] point, float[] outputs, float[] y, float[] scratch,
                                int width) {
        float[] a = point;
        if (fused) {
            cost.activateOutput(point, 1, width, outputs);
            a = outputs;
        }
        return cost.costAndGradient(a, y, 1, width, scratch);
    }

    /** Distance from {@code a} to the nearest bound of the activation's range. */
    private static double room(Activation activation, float a) {
        return switch (activation) {
            case SIGMOID -> Math.min(a, 1.0 - a);
            case TANH -> Math.min(1.0 + a, 1.0 - a);
            case RELU -> a;
            case IDENTITY -> Double.POSITIVE_INFINITY;
        };
    }

    private static boolean inside(Activation activation, float a) {
        return switch (activation) {
            case SIGMOID -> a > 0f && a < 1f;
            case TANH -> a > -1f && a < 1f;
            case RELU -> a > 0f;
            case IDENTITY -> true;
        };
    }
}
