package dev.descent.plugins.optimizer;

import dev.descent.kernel.Kernels;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/**
 * Plain gradient descent: w <- w - rate * g, with g the mini-batch's mean gradient. The seed's. Its step
 * is a scaled gradient, which the trainer's kernels apply (the weights' fused into the backward pass).
 */
public final class SgdOptimizer implements Optimizer {
    @Override
    public ScaledGradient prepare(int[] tensorLengths, Kernels kernels) {
        return (rate, scale, step) -> (float) (-rate * scale);
    }

    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String description() {
            return "plain gradient descent, w <- w - eta g";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public SgdOptimizer create(Parameters parameters) {
            return new SgdOptimizer();
        }
    }
}
