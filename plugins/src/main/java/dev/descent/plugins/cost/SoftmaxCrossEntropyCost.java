package dev.descent.plugins.cost;

import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/**
 * A softmax output layer with the log-likelihood cost: a_j = e^{z_j} / sum_k e^{z_k}, C = -ln a_y for
 * the true class y. Fused, so the output delta is exactly dC/dz = a - y.
 *
 * <p>Softmax subtracts each row's largest z before exponentiating (the result is unchanged and no
 * exponent overflows); the cost clamps a_y at {@link #SMALLEST} so that a confidently wrong output
 * costs at most -ln(1e-30) = 69 instead of infinity.
 */
public final class SoftmaxCrossEntropyCost implements Cost {
    static final double SMALLEST = 1e-30;

    @Override
    public boolean fusesOutputActivation() {
        return true;
    }

    @Override
    public void activateOutput(float[] z, int rows, int width, float[] activations) {
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) max = Math.max(max, z[row + j]);
            double total = 0;
            for (int j = 0; j < width; j++) {
                double e = StrictMath.exp(z[row + j] - max);   // StrictMath: the same bits interpreted or compiled
                activations[row + j] = (float) e;
                total += e;
            }
            for (int j = 0; j < width; j++) activations[row + j] = (float) (activations[row + j] / total);
        }
    }

    @Override
    public double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient) {
        double sum = 0;
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            gradient[i] = activations[i] - targets[i];
            if (targets[i] != 0f) sum -= targets[i] * StrictMath.log(Math.max(activations[i], SMALLEST));
        }
        return sum;
    }

    public static final class Provider implements CostProvider {
        @Override
        public String name() {
            return "softmax-cross-entropy";
        }

        @Override
        public String description() {
            return "softmax output layer with log-likelihood cost -ln a_y, fused output delta a - y";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public SoftmaxCrossEntropyCost create(Parameters parameters) {
            return new SoftmaxCrossEntropyCost();
        }
    }
}
