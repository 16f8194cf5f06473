package dev.descent.plugins.optimizer;

import dev.descent.kernel.Kernels;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Adam (Kingma and Ba, 2015): m <- beta1 m + (1 - beta1) g, s <- beta2 s + (1 - beta2) g^2,
 * w <- w - rate * m^ / (sqrt(s^) + epsilon) with the bias-corrected m^ = m / (1 - beta1^t) and
 * s^ = s / (1 - beta2^t). AdamW (Loshchilov and Hutter, 2019) also shrinks each weight by
 * rate * decay * w, decoupled from the gradient's moments.
 */
public final class AdamOptimizer implements Optimizer, Optimizer.PerTensor {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double decoupledDecay;
    private float[][] first;
    private float[][] second;

    public AdamOptimizer(double beta1, double beta2, double epsilon, double decoupledDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decoupledDecay = decoupledDecay;
    }

    @Override
    public PerTensor prepare(int[] tensorLengths, Kernels kernels) {
        first = new float[tensorLengths.length][];
        second = new float[tensorLengths.length][];
        for (int t = 0; t < tensorLengths.length; t++) {
            first[t] = new float[tensorLengths[t]];
            second[t] = new float[tensorLengths[t]];
        }
        return this;
    }

    @Override
    public List<float[]> state() {
        List<float[]> state = new ArrayList<>(List.of(first));
        state.addAll(List.of(second));
        return state;
    }

    @Override
    public void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step) {
        float[] m = first[tensor];
        float[] s = second[tensor];
        // StrictMath: the same correction bits whether this code is interpreted or compiled.
        float correction1 = (float) (1 - StrictMath.pow(beta1, step));
        float correction2 = (float) (1 - StrictMath.pow(beta2, step));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float r = (float) rate;
        float shrink = (float) (1 - rate * decoupledDecay);
        for (int i = 0; i < length; i++) {
            float g = scale * gradientSum[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            s[i] = b2 * s[i] + (1 - b2) * g * g;
            float mHat = m[i] / correction1;
            float sHat = s[i] / correction2;
            values[i] = shrink * values[i] - r * mHat / ((float) Math.sqrt(sHat) + eps);
        }
    }

    private static List<Parameter> moments() {
        return List.of(
                Parameter.number("beta1", 0.9, 0.0, 0.999999, "decay of the gradient's running mean"),
                Parameter.number("beta2", 0.999, 0.0, 0.999999999, "decay of the squared gradient's running mean"),
                Parameter.number("epsilon", 1e-8, Double.MIN_VALUE, 1.0, "added to the denominator for stability"));
    }

    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String description() {
            return "Adam: steps by bias-corrected running means of the gradient and its square";
        }

        @Override
        public List<Parameter> parameters() {
            return moments();
        }

        @Override
        public AdamOptimizer create(Parameters p) {
            return new AdamOptimizer(p.number("beta1"), p.number("beta2"), p.number("epsilon"), 0);
        }
    }

    public static final class AdamWProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "adamw";
        }

        @Override
        public String description() {
            return "Adam with decoupled weight decay: w also shrinks by eta * decay * w each step";
        }

        @Override
        public List<Parameter> parameters() {
            return Stream.concat(moments().stream(), Stream.of(
                    Parameter.number("decay", 0.01, 0.0, 1.0, "decoupled weight decay per unit of learning rate")))
                    .toList();
        }

        @Override
        public AdamOptimizer create(Parameters p) {
            return new AdamOptimizer(p.number("beta1"), p.number("beta2"), p.number("epsilon"), p.number("decay"));
        }
    }
}
