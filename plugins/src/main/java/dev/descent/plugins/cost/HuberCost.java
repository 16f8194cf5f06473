package dev.descent.plugins.cost;

import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import java.util.List;

/**
 * Huber loss per output, d = a - y: 1/2 d^2 when |d| <= delta, else delta (|d| - delta / 2).
 * Quadratic near the target, linear far from it, so an outlier's gradient is capped at delta.
 */
public final class HuberCost implements Cost {
    private final double delta;

    public HuberCost(double delta) {
        this.delta = delta;
    }

    @Override
    public double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient) {
        double sum = 0;
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            double d = (double) activations[i] - targets[i];
            if (Math.abs(d) <= delta) {
                sum += 0.5 * d * d;
                gradient[i] = (float) d;
            } else {
                sum += delta * (Math.abs(d) - 0.5 * delta);
                gradient[i] = (float) Math.copySign(delta, d);
            }
        }
        return sum;
    }

    public static final class Provider implements CostProvider {
        @Override
        public String name() {
            return "huber";
        }

        @Override
        public String description() {
            return "Huber loss: 1/2 d^2 for |d| <= delta, delta (|d| - delta/2) beyond, d = a - y";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.number("delta", 1.0, Double.MIN_VALUE, 1e6,
                    "where the loss turns from quadratic to linear; must be > 0"));
        }

        @Override
        public HuberCost create(Parameters parameters) {
            return new HuberCost(parameters.number("delta"));
        }
    }
}
