package dev.descent.plugins.init;

import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Glorot and Bengio (2010), normal form: N(0, 2/(fan_in + fan_out)) balances the variance of
 * activations going forward and of gradients going back.
 */
public final class XavierNormalInitializer implements Initializer {
    @Override
    public void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random) {
        double std = Math.sqrt(2.0 / (fanIn + fanOut));
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian(0, std);
        }
    }

    public static final class Provider implements InitializerProvider {
        @Override
        public String name() {
            return "xavier-normal";
        }

        @Override
        public String description() {
            return "Glorot/Xavier normal, N(0, 2/(fan_in + fan_out))";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public XavierNormalInitializer create(Parameters parameters) {
            return new XavierNormalInitializer();
        }
    }
}
