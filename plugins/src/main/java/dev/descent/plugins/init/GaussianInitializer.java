package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/** Independent draws from N(mean, std^2). The seed network uses N(0, 1) for weights and biases. */
public final class GaussianInitializer implements Initializer {
    private final double mean;
    private final double std;

    public GaussianInitializer(double mean, double std) {
        this.mean = mean;
        this.std = std;
    }

    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian(mean, std);
        }
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public String description() {
            return "normal distribution N(mean, std^2)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("mean", 0.0, -1e6, 1e6, "mean of the distribution"),
                    Parameter.number("std", 1.0, 0.0, 1e6, "standard deviation"));
        }

        @Override
        public GaussianInitializer create(Parameters parameters) {
            return new GaussianInitializer(parameters.number("mean"), parameters.number("std"));
        }
    }
}
