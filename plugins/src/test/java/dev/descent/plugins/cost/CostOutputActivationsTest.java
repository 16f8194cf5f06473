package dev.descent.plugins.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.descent.kernel.Activation;
import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in cost declares exactly the output activations it is defined on: those on whose output
 * range the cost is finite and its gradient is the cost's derivative (a cost that clamps outputs out of
 * its domain returns a gradient that no longer describes the cost). A cost that fuses its own output
 * activation ignores the network's, so it must take every one.
 */
class CostOutputActivationsTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

    /**
     * Outputs inside each activation's range, away from Huber's kink at |a - y| = 1 and from ReLU's 0; the
     * identity (a regression's output) takes any real value.
     */
    private static final Map<Activation, float[]> OUTPUTS = Map.of(
            Activation.SIGMOID, new float[] {0.05f, 0.3f, 0.5f, 0.7f, 0.95f},
            Activation.TANH, new float[] {-0.9f, -0.4f, 0.1f, 0.6f, 0.9f},
            Activation.RELU, new float[] {0.01f, 0.4f, 1.3f, 2.5f},
            Activation.IDENTITY, new float[] {-2.5f, -0.4f, 0.1f, 0.6f, 3.5f});
    private static final float H = 1e-3f;

    static Stream<String> builtInCosts() {
        return REGISTRY.providers(PluginKind.COST).stream().map(PluginProvider::name);
    }

    private static CostProvider provider(String name) {
        return REGISTRY.providers(PluginKind.COST).stream().filter(p -> p.name().equals(name))
                .map(CostProvider.class::cast).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("builtInCosts")
    void declaresTheActivationsOnWhoseOutputsItIsDefined(String name) {
        Cost cost = REGISTRY.cost(PluginSpec.of(name, "cost"));
        Set<Activation> defined = EnumSet.noneOf(Activation.class);
        for (Activation activation : Activation.values()) {
            if (cost.fusesOutputActivation() || definedOn(cost, OUTPUTS.get(activation))) defined.add(activation);
        }
        assertEquals(defined, provider(name).outputActivations(), name);
    }

    @ParameterizedTest
    @MethodSource("builtInCosts")
    void declaresAtLeastOneActivation(String name) {
        assertFalse(provider(name).outputActivations().isEmpty(), name);
    }

    /** Finite, with a gradient matching central differences, at every output against both targets. */
    private static boolean definedOn(Cost cost, float[] outputs) {
        for (float a : outputs) {
            for (float y : new float[] {0f, 1f}) {
                float[] gradient = new float[1];
                double c = cost.costAndGradient(new float[] {a}, new float[] {y}, 1, 1, gradient);
                double up = cost.costAndGradient(new float[] {a + H}, new float[] {y}, 1, 1, new float[1]);
                double down = cost.costAndGradient(new float[] {a - H}, new float[] {y}, 1, 1, new float[1]);
                double slope = (up - down) / ((double) (a + H) - (double) (a - H));
                if (!Double.isFinite(c) || Math.abs(slope - gradient[0]) > 1e-2 * Math.max(1, Math.abs(slope))) {
                    return false;
                }
            }
        }
        return true;
    }
}
