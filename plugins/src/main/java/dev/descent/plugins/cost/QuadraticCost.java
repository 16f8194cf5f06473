package dev.descent.plugins.cost;

import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/** C = 1/2 ||a - y||^2 per sample; dC/da = a - y. The seed network's cost. */
public final class QuadraticCost implements Cost {
    @Override
    public double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient) {
        double sum = 0;
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            float diff = activations[i] - targets[i];
            gradient[i] = diff;
            sum += (double) diff * diff;
        }
        return 0.5 * sum;
    }

    public static final class Provider implements CostProvider {
        @Override
        public String name() {
            return "quadratic";
        }

        @Override
        public String description() {
            return "mean squared error, 1/2 ||a - y||^2 per sample";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public QuadraticCost create(Parameters parameters) {
            return new QuadraticCost();
        }
    }
}
