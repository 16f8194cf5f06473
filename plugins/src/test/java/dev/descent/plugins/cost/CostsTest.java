package dev.descent.plugins.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.Cost;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values and finite-difference gradients for the built-in costs. */
class CostsTest {
    private final PluginRegistry registry = PluginRegistry.loadDefault();

    @Test
    void crossEntropyMatchesHandComputedValueAndGradient() {
        Cost cost = registry.cost(PluginSpec.of("cross-entropy", "cost"));
        float[] gradient = new float[2];
        // -ln 0.5 - ln(1 - 0.8) = ln 2 + ln 5 = ln 10; (0.5-1)/(0.5*0.5) = -2; 0.8/(0.8*0.2) = 5
        double c = cost.costAndGradient(new float[] {0.5f, 0.8f}, new float[] {1f, 0f}, 1, 2, gradient);
        assertEquals(Math.log(10), c, 1e-6);
        assertArrayEquals(new float[] {-2f, 5f}, gradient, 1e-5f);
    }

    @Test
    void crossEntropyStaysFiniteOnSaturatedOutputs() {
        Cost cost = registry.cost(PluginSpec.of("cross-entropy", "cost"));
        float[] gradient = new float[2];
        // both outputs completely wrong: each costs -ln(1e-7)
        double c = cost.costAndGradient(new float[] {1f, 0f}, new float[] {0f, 1f}, 1, 2, gradient);
        assertEquals(-2 * Math.log(1e-7), c, 1e-6);
        assertTrue(Float.isFinite(gradient[0]) && gradient[0] > 0, "gradient " + gradient[0]);
        assertTrue(Float.isFinite(gradient[1]) && gradient[1] < 0, "gradient " + gradient[1]);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifference() {
        float[] a = {0.3f, 0.9f, 0.1f, 0.55f, 0.2f, 0.7f};
        float[] y = {0f, 1f, 0f, 1f, 1f, 0f};
        assertGradientMatchesFiniteDifference(registry.cost(PluginSpec.of("cross-entropy", "cost")), a, y, 2, 3);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        float[] a = {0.5f, 3f, -2f};
        float[] y = {0f, 0f, 0f};
        float[] gradient = new float[3];
        Cost unit = registry.cost(PluginSpec.of("huber", "cost"));
        // delta 1: 0.125 + 1*(3 - 0.5) + 1*(2 - 0.5)
        assertEquals(4.125, unit.costAndGradient(a, y, 1, 3, gradient), 1e-12);
        assertArrayEquals(new float[] {0.5f, 1f, -1f}, gradient);
        Cost wide = registry.cost(new PluginSpec("huber", Map.of("delta", 2.0), "cost"));
        // delta 2: 0.125 + 2*(3 - 1) + 0.5*4
        assertEquals(6.125, wide.costAndGradient(a, y, 1, 3, gradient), 1e-12);
        assertArrayEquals(new float[] {0.5f, 2f, -2f}, gradient);
    }

    @Test
    void huberGradientMatchesFiniteDifferenceAwayFromTheKink() {
        float[] a = {0.3f, 2.5f, -1.7f, 0.95f};
        float[] y = {0f, 0f, 0f, 1.5f};
        assertGradientMatchesFiniteDifference(
                registry.cost(new PluginSpec("huber", Map.of("delta", 0.8), "cost")), a, y, 2, 2);
    }

    @Test
    void huberRejectsNonPositiveDelta() {
        assertThrows(DescentException.class,
                () -> registry.cost(new PluginSpec("huber", Map.of("delta", 0.0), "cost")));
    }

    /**
     * Central differences with h = 1e-3. The costs sum in double, so rounding contributes about
     * 1e-16 * C / h, negligible; the truncation error is h^2/6 * |C'''|, at most about 2e-4 relative
     * for cross-entropy at a = 0.9, and the gradient is stored as float (6e-8 relative). A tolerance of
     * 1e-3 relative (plus 1e-6 absolute) passes those and fails any wrong factor or sign.
     */
    private static void assertGradientMatchesFiniteDifference(Cost cost, float[] a, float[] y, int rows, int width) {
        float[] g = new float[a.length];
        cost.costAndGradient(a, y, rows, width, g);
        for (int i = 0; i < a.length; i++) {
            float[] plus = a.clone();
            float[] minus = a.clone();
            plus[i] += 1e-3f;
            minus[i] -= 1e-3f;
            double h = (double) plus[i] - minus[i];
            double numeric = (cost.costAndGradient(plus, y, rows, width, new float[a.length])
                    - cost.costAndGradient(minus, y, rows, width, new float[a.length])) / h;
            assertEquals(numeric, g[i], 1e-6 + 1e-3 * Math.abs(numeric), "output " + i);
        }
    }
}
