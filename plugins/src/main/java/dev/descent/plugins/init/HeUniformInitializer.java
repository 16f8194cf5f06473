package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * He et al. (2015), uniform form: U(-b, b), b = sqrt(6/fan_in), which has the variance 2/fan_in of
 * he-normal.
 */
public final class HeUniformInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        double bound = Math.sqrt(6.0 / fanIn);
        UniformInitializer.fill(values, -bound, bound, random);
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "he-uniform";
        }

        @Override
        public String description() {
            return "He/Kaiming uniform, U(-b, b) with b = sqrt(6/fan_in)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public HeUniformInitializer create(Parameters parameters) {
            return new HeUniformInitializer();
        }
    }
}
