package dev.descent.plugins.optimizer;

import dev.descent.kernel.Kernels;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/**
 * Gradient descent with a velocity: v <- beta v - rate g, w <- w + v (classical momentum), or with
 * Nesterov's look-ahead, w <- w + beta v - rate g using the updated v (the form of Sutskever et al.,
 * 2013, that needs no gradient at a shifted point).
 */
public final class MomentumOptimizer implements Optimizer, Optimizer.PerTensor {
    private final double beta;
    private final boolean nesterov;
    private float[][] velocities;

    public MomentumOptimizer(double beta, boolean nesterov) {
        this.beta = beta;
        this.nesterov = nesterov;
    }

    @Override
    public PerTensor prepare(int[] tensorLengths, Kernels kernels) {
        velocities = new float[tensorLengths.length][];
        for (int t = 0; t < tensorLengths.length; t++) velocities[t] = new float[tensorLengths[t]];
        return this;
    }

    @Override
    public List<float[]> state() {
        return List.of(velocities);
    }

    @Override
    public void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step) {
        float[] v = velocities[tensor];
        float b = (float) beta;
        float r = (float) (rate * scale);
        for (int i = 0; i < length; i++) {
            float g = gradientSum[i];
            v[i] = b * v[i] - r * g;
            values[i] += nesterov ? b * v[i] - r * g : v[i];
        }
    }

    private static List<Parameter> betaParameter() {
        return List.of(Parameter.number("beta", 0.9, 0.0, 0.999999, "how much of the last step each step keeps"));
    }

    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "momentum";
        }

        @Override
        public String description() {
            return "gradient descent with momentum: v <- beta v - eta g, w <- w + v";
        }

        @Override
        public List<Parameter> parameters() {
            return betaParameter();
        }

        @Override
        public MomentumOptimizer create(Parameters parameters) {
            return new MomentumOptimizer(parameters.number("beta"), false);
        }
    }

    public static final class NesterovProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "nesterov";
        }

        @Override
        public String description() {
            return "Nesterov momentum: v <- beta v - eta g, w <- w + beta v - eta g";
        }

        @Override
        public List<Parameter> parameters() {
            return betaParameter();
        }

        @Override
        public MomentumOptimizer create(Parameters parameters) {
            return new MomentumOptimizer(parameters.number("beta"), true);
        }
    }
}
