package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * N(0, 1/fan_in), Nielsen's improved weight initialisation: it keeps a neuron's weighted input
 * near unit variance so sigmoids start unsaturated. Other libraries call the same distribution LeCun
 * normal (LeCun et al., 1998), so it is registered under both names.
 */
public final class ScaledGaussianInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        double std = Math.sqrt(1.0 / fanIn);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian(0, std);
        }
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "scaled-gaussian";
        }

        @Override
        public String description() {
            return "normal distribution N(0, 1/fan_in)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public ScaledGaussianInitializer create(Parameters parameters) {
            return new ScaledGaussianInitializer();
        }
    }

    public static final class LecunProvider implements InitializerProvider {
        @Override
        public String name() {
            return "lecun-normal";
        }

        @Override
        public String description() {
            return "LeCun normal, N(0, 1/fan_in): scaled-gaussian under its other name";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public ScaledGaussianInitializer create(Parameters parameters) {
            return new ScaledGaussianInitializer();
        }
    }
}
