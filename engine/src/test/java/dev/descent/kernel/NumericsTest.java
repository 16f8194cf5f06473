package dev.descent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumericsTest {
    @Test
    void expIsWithinThreeTenthsOfAMillionthOfMathExpOverItsRange() {
        double worst = 0;
        float worstAt = 0;
        // Dense sampling: every 2^-10 plus an irregular offset, ~180k points over [-87, 88].
        for (double x = -87; x <= 88; x += 1.0 / 1024 + 1e-7) {
            float xf = (float) x;
            double exact = Math.exp(xf);
            double error = Math.abs(Numerics.exp(xf) - exact) / exact;
            if (error > worst) { worst = error; worstAt = xf; }
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst + " at x = " + worstAt);
    }

    @Test
    void expIsExactAtZeroAndClampsOutsideItsRange() {
        assertEquals(1f, Numerics.exp(0f));
        assertEquals(Numerics.exp(-87f), Numerics.exp(-200f));
        assertEquals(Numerics.exp(88f), Numerics.exp(1000f));
        assertEquals(Numerics.exp(88f), Numerics.exp(Float.POSITIVE_INFINITY));
        assertTrue(Numerics.exp(-87f) > 0f && Float.isFinite(Numerics.exp(88f)));
    }

    @Test
    void sigmoidSaturatesAtTheClamp() {
        assertEquals(1f, Numerics.sigmoid(30f));
        assertEquals(9.357623e-14, Numerics.sigmoid(-30f), 1e-19);
        assertEquals(Numerics.sigmoid(-30f), Numerics.sigmoid(-1000f));
        assertEquals(Numerics.sigmoid(-30f), Numerics.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Numerics.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0.5f, Numerics.sigmoid(0f));
    }

    @Test
    void sigmoidIsCloseToTheExactFunction() {
        for (float z = -30f; z <= 30f; z += 0.001953125f) {
            double exact = 1 / (1 + Math.exp(-z));
            assertEquals(exact, Numerics.sigmoid(z), 4e-7 * exact, "sigmoid(" + z + ")");
        }
    }

    @Test
    void tanhIsWithinThreeTenthsOfAMillionthOfMathTanh() {
        for (float z = -20f; z <= 20f; z += 0.0009765625f) {
            assertEquals(Math.tanh(z), Numerics.tanh(z), 3e-7, "tanh(" + z + ")");
        }
        assertEquals(0f, Numerics.tanh(0f));
        assertEquals(1f, Numerics.tanh(100f));
        assertEquals(-1f, Numerics.tanh(-100f));
    }

    @Test
    void reluKeepsPositivesAndZeroesTheRest() {
        assertEquals(2.5f, Numerics.relu(2.5f));
        assertEquals(0f, Numerics.relu(-2.5f));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Numerics.relu(-0f)));
    }

    @Test
    void derivativesAreWrittenThroughTheActivationsOutput() {
        assertEquals(0.25f, Numerics.derivative(Activation.SIGMOID, 0.5f));
        assertEquals(0.09f, Numerics.derivative(Activation.SIGMOID, 0.9f), 1e-7f);
        assertEquals(1f, Numerics.derivative(Activation.TANH, 0f));
        assertEquals(0.75f, Numerics.derivative(Activation.TANH, -0.5f));
        assertEquals(1f, Numerics.derivative(Activation.RELU, 3f));
        assertEquals(0f, Numerics.derivative(Activation.RELU, 0f));
    }

    @Test
    void flushZeroesOnlyMagnitudesBelowTheThreshold() {
        assertEquals(0f, Numerics.flush(Numerics.FLUSH_BELOW * 0.99f));
        assertEquals(0f, Numerics.flush(-Numerics.FLUSH_BELOW * 0.99f));
        assertEquals(0f, Numerics.flush(Float.MIN_VALUE));
        assertEquals(Numerics.FLUSH_BELOW, Numerics.flush(Numerics.FLUSH_BELOW));
        assertEquals(-3e-20f, Numerics.flush(-3e-20f));
        assertEquals(1f, Numerics.flush(1f));
    }
}
