package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Every entry the same value; draws nothing. Meant for biases: identical weights would make every
 * neuron in a layer compute, and learn, the same thing.
 */
public final class ConstantInitializer implements Initializer {
    private final float value;

    public ConstantInitializer(double value) {
        this.value = (float) value;
    }

    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        Arrays.fill(values, value);
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "every entry set to value (for biases)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.number("value", 0.0, -1e6, 1e6, "the value of every entry"));
        }

        @Override
        public ConstantInitializer create(Parameters parameters) {
            return new ConstantInitializer(parameters.number("value"));
        }
    }
}
