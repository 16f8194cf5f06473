package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * LeCun normal, N(0, 1/fan_in) (LeCun et al., 1998). The same distribution as scaled-gaussian,
 * under the name other libraries use.
 */
public final class LecunNormalInitializer implements Initializer {
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
            return "lecun-normal";
        }

        @Override
        public String description() {
            return "LeCun normal, N(0, 1/fan_in)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public LecunNormalInitializer create(Parameters parameters) {
            return new LecunNormalInitializer();
        }
    }
}
