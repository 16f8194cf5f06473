package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Glorot and Bengio (2010), uniform form: U(-b, b), b = sqrt(6/(fan_in + fan_out)), which has the
 * variance 2/(fan_in + fan_out) of xavier-normal.
 */
public final class XavierUniformInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        UniformInitializer.fill(values, -bound, bound, random);
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "xavier-uniform";
        }

        @Override
        public String description() {
            return "Glorot/Xavier uniform, U(-b, b) with b = sqrt(6/(fan_in + fan_out))";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public XavierUniformInitializer create(Parameters parameters) {
            return new XavierUniformInitializer();
        }
    }
}
