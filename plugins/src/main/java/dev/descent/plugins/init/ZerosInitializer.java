package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** Every entry 0; draws nothing. The usual choice for biases (not for weights: see ConstantInitializer). */
public final class ZerosInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        Arrays.fill(values, 0f);
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "zeros";
        }

        @Override
        public String description() {
            return "every entry 0 (for biases)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public ZerosInitializer create(Parameters parameters) {
            return new ZerosInitializer();
        }
    }
}
