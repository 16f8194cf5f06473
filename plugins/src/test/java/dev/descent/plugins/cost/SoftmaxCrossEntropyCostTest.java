package dev.descent.plugins.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyCostTest {
    private final SoftmaxCrossEntropyCost cost = new SoftmaxCrossEntropyCost();

    @Test
    void softmaxOfAKnownRow() {
        float[] z = {1f, 2f, 3f};
        float[] a = new float[3];
        cost.activateOutput(z, 1, 3, a);
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new float[] {(float) (Math.exp(1) / total), (float) (Math.exp(2) / total),
                (float) (Math.exp(3) / total)}, a, 1e-7f);
    }

    @Test
    void hugeInputsDoNotOverflow() {
        float[] z = {1000f, 1001f, -1000f};
        float[] a = new float[3];
        cost.activateOutput(z, 1, 3, a);
        assertEquals(1f, a[0] + a[1] + a[2], 1e-6f);
        assertTrue(a[1] > a[0] && a[2] == 0f);
    }

    @Test
    void costIsMinusLogOfTheTrueClassAndDeltaIsAMinusY() {
        float[] a = {0.25f, 0.5f, 0.25f, 0.1f, 0.1f, 0.8f};
        float[] y = {0, 1, 0, 1, 0, 0};
        float[] delta = new float[6];
        double c = cost.costAndGradient(a, y, 2, 3, delta);
        assertEquals(-Math.log(0.5) - Math.log(0.1), c, 1e-6);
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.25f, -0.9f, 0.1f, 0.8f}, delta, 1e-7f);
    }

    @Test
    void fusedDeltaIsTheDerivativeWithRespectToZ() {
        float[] z = {0.3f, -1.2f, 2.0f, 0.7f};
        float[] y = {0, 0, 1, 0};
        float[] a = new float[4];
        cost.activateOutput(z, 1, 4, a);
        float[] delta = new float[4];
        cost.costAndGradient(a, y, 1, 4, delta);
        for (int j = 0; j < 4; j++) {
            double h = 1e-3;
            float[] plus = z.clone();
            float[] minus = z.clone();
            plus[j] += (float) h;
            minus[j] -= (float) h;
            double numeric = (costAt(plus, y) - costAt(minus, y)) / (plus[j] - minus[j]);
            assertEquals(numeric, delta[j], 2e-3, "dC/dz" + j);
        }
    }

    @Test
    void aConfidentlyWrongOutputCostsAFiniteAmount() {
        double c = cost.costAndGradient(new float[] {1f, 0f}, new float[] {0f, 1f}, 1, 2, new float[2]);
        assertEquals(-Math.log(SoftmaxCrossEntropyCost.SMALLEST), c, 1e-9);
    }

    private double costAt(float[] z, float[] y) {
        float[] a = new float[z.length];
        cost.activateOutput(z, 1, z.length, a);
        return cost.costAndGradient(a, y, 1, z.length, new float[z.length]);
    }
}
