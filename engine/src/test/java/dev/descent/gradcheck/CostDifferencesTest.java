package dev.descent.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.kernel.Activation;
import dev.descent.spi.Cost;
import dev.descent.testing.TestCosts;
import org.junit.jupiter.api.Test;

class CostDifferencesTest {
    private static final float[] TARGETS = {0f, 1f, 0f};

    @Test
    void matchesTheQuadraticCostsDerivativeOnEveryActivation() {
        float[] a = {0.2f, 0.7f, 0.45f};
        for (Activation f : Activation.values()) {
            double[] g = CostDifferences.gradient(TestCosts.quadratic(1f), f, a, TARGETS, 3);
            for (int k = 0; k < 3; k++) assertEquals(a[k] - TARGETS[k], g[k], 1e-6, f + " output " + k);
        }
    }

    @Test
    void matchesCrossEntropyNearSaturationWithoutLeavingZeroToOne() {
        // 1 - 6e-8 is the float just below 1: a step of any fixed size would leave the cost's domain.
        float[] a = {1e-6f, Math.nextDown(1f), 0.5f};
        double[] g = CostDifferences.gradient(TestCosts.CROSS_ENTROPY, Activation.SIGMOID, a, TARGETS, 3);
        for (int k = 0; k < 3; k++) {
            double ak = a[k];
            double exact = (ak - TARGETS[k]) / (ak * (1 - ak));
            assertTrue(Double.isFinite(g[k]), "output " + k + ": " + g[k]);
            assertEquals(exact, g[k], 1e-3 * Math.abs(exact), "output " + k);
        }
    }

    @Test
    void differencesAFusedCostThroughItsOwnOutputActivation() {
        float[] z = {1.5f, -0.3f, 0.2f};
        double[] g = CostDifferences.gradient(TestCosts.softmax(1f), Activation.SIGMOID, z, TARGETS, 3);
        float[] a = new float[3];
        TestCosts.softmax(1f).activateOutput(z, 1, 3, a);
        for (int k = 0; k < 3; k++) assertEquals(a[k] - TARGETS[k], g[k], 1e-5, "output " + k);
    }

    @Test
    void seesAWrongGradientAsWrong() {
        Cost wrong = TestCosts.quadratic(2f);
        float[] a = {0.2f, 0.7f, 0.45f};
        float[] written = new float[3];
        wrong.costAndGradient(a, TARGETS, 1, 3, written);
        double[] g = CostDifferences.gradient(wrong, Activation.SIGMOID, a, TARGETS, 3);
        for (int k = 0; k < 3; k++) assertEquals(0.5, g[k] / written[k], 1e-5, "output " + k);
    }

    @Test
    void givesZeroForAReluOutputAtItsKink() {
        float[] a = {0f, 0.7f, 0.45f};
        double[] g = CostDifferences.gradient(TestCosts.quadratic(1f), Activation.RELU, a, TARGETS, 3);
        assertEquals(0.0, g[0]);
        assertEquals(0.7 - 1, g[1], 1e-6);
    }
}
