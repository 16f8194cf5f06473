package dev.descent.plugins.init;

import dev.descent.DescentException;
import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/** Independent draws from U(low, high), whatever the layer's size. */
public final class UniformInitializer implements Initializer {
    private final double low;
    private final double high;

    public UniformInitializer(double low, double high) {
        this.low = low;
        this.high = high;
    }

    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        fill(values, low, high, random);
    }

    /**
     * One draw per entry, in index order. The double draw is in [low, high); rounding to float can land
     * on high itself, so callers may only rely on [low, high].
     */
    static void fill(float[] values, double low, double high, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(low, high);
        }
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public String description() {
            return "uniform distribution U(low, high)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("low", -1.0, -1e6, 1e6, "lower bound; must be below high"),
                    Parameter.number("high", 1.0, -1e6, 1e6, "upper bound; must be above low"));
        }

        @Override
        public UniformInitializer create(Parameters parameters) {
            double low = parameters.number("low");
            double high = parameters.number("high");
            if (!(low < high)) {
                throw new DescentException("uniform initializer needs low < high, got low = " + low
                        + " and high = " + high);
            }
            return new UniformInitializer(low, high);
        }
    }
}
