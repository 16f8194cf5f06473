package dev.descent.plugins.optimizer;

import dev.descent.kernel.Kernels;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/** Plain gradient descent: w <- w - rate * g, with g the mini-batch's mean gradient. The seed's. */
public final class SgdOptimizer implements Optimizer {
    private Kernels kernels;

    @Override
    public void prepare(int[] tensorLengths, Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step) {
        kernels.axpy(length, (float) (-rate * scale), gradientSum, values);
    }

    @Override
    public boolean isPlainGradientDescent() {
        return true;
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
