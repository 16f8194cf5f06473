package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/** He et al. (2015), normal form: N(0, 2/fan_in). The factor 2 makes up for ReLU zeroing half its inputs. */
public final class HeNormalInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian(0, std);
        }
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "he-normal";
        }

        @Override
        public String description() {
            return "He/Kaiming normal, N(0, 2/fan_in)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public HeNormalInitializer create(Parameters parameters) {
            return new HeNormalInitializer();
        }
    }
}
