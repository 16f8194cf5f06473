package dev.descent.plugins.cost;

import dev.descent.kernel.Activation;
import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.Set;

/**
 * Binary cross-entropy per output, for sigmoid outputs: C = -sum[y ln a + (1 - y) ln(1 - a)],
 * dC/da = (a - y) / (a (1 - a)).
 */
public final class CrossEntropyCost implements Cost {
    /**
     * A saturated sigmoid returns exactly 0 or 1 in float; ln(0) and the division by a (1 - a) would
     * then give infinity or NaN and poison every weight. 1e-7 is a little above float's epsilon near 1
     * (6e-8), so 1 - EPSILON is still representable and distinct from 1 in float.
     */
    static final double EPSILON = 1e-7;

    @Override
    public double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient) {
        double sum = 0;
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            double a = Math.clamp(activations[i], EPSILON, 1 - EPSILON);
            double y = targets[i];
            sum -= y * StrictMath.log(a) + (1 - y) * StrictMath.log(1 - a);
            gradient[i] = (float) ((a - y) / (a * (1 - a)));
        }
        return sum;
    }

    public static final class Provider implements CostProvider {
        @Override
        public String name() {
            return "cross-entropy";
        }

        @Override
        public String description() {
            return "binary cross-entropy on sigmoid outputs, -sum[y ln a + (1 - y) ln(1 - a)] per sample";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        /** ln a and ln(1 - a) need outputs in (0, 1): tanh's negative and ReLU's above-1 outputs would be clamped. */
        @Override
        public Set<Activation> outputActivations() {
            return Set.of(Activation.SIGMOID);
        }

        @Override
        public CrossEntropyCost create(Parameters parameters) {
            return new CrossEntropyCost();
        }
    }
}
