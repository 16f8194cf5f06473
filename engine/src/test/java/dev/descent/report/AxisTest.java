package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AxisTest {
    @Test
    void roundsOutToMultiplesOfANiceStep() {
        Axis axis = Axis.covering(0.0213, 0.0937, 4, false);
        assertEquals(0.02, axis.min(), 1e-15);
        assertEquals(0.10, axis.max(), 1e-15);
        assertEquals(0.02, axis.step(), 1e-15);
        assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08, 0.10}, axis.ticks(), 1e-15);
    }

    @Test
    void dataOnATickDoesNotAddAnotherStep() {
        Axis axis = Axis.covering(0.06, 0.3, 13, false);   // 0.06 / 0.02 is 2.9999999999999996 in doubles
        assertEquals(0.02, axis.step(), 1e-15);
        assertEquals(0.06, axis.min(), 1e-15);
        assertEquals(0.3, axis.max(), 1e-15);
        assertEquals("0.30", Axis.covering(0.06, 0.3, 11, false).label(0.1 + 0.2));
    }

    @Test
    void epochAxesStepByWholeNumbers() {
        Axis three = Axis.covering(1, 3, 6, true);
        assertArrayEquals(new double[] {1, 2, 3}, three.ticks());
        assertEquals("2", three.label(2));
        Axis thirty = Axis.covering(1, 30, 6, true);
        assertEquals(0, thirty.min());
        assertEquals(30, thirty.max());
        assertEquals(5, thirty.step());
    }

    @Test
    void aSingleValueGetsRoomAroundIt() {
        Axis rate = Axis.covering(3, 3, 6, false);
        assertTrue(rate.min() < 3 && rate.max() > 3, rate.toString());
        assertTrue(Arrays.stream(rate.ticks()).anyMatch(t -> Math.abs(t - 3) < 1e-12), rate.toString());
        Axis zero = Axis.covering(0, 0, 6, false);
        assertTrue(zero.min() <= -1 && zero.max() >= 1, zero.toString());
        Axis oneEpoch = Axis.covering(1, 1, 6, true);
        assertArrayEquals(new double[] {0, 1, 2}, oneEpoch.ticks());
    }

    @Test
    void everyRangeIsCoveredWithNiceStepsAndAReadableNumberOfTicks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double scale = Math.pow(10, random.nextInt(-8, 8));
            double a = (random.nextDouble() * 2 - 1) * scale;
            double b = a + random.nextDouble() * scale;
            Axis axis = Axis.covering(a, b, 6, false);
            assertTrue(axis.min() <= a && axis.max() >= b, axis + " covers " + a + ".." + b);
            double mantissa = axis.step() / Math.pow(10, Math.floor(Math.log10(axis.step()) + 1e-9));
            assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                    "step " + axis.step());
            int ticks = axis.ticks().length;
            assertTrue(ticks >= 3 && ticks <= 12, ticks + " ticks for " + a + ".." + b);
            String first = axis.label(axis.ticks()[0]);
            String second = axis.label(axis.ticks()[1]);
            assertTrue(!first.equals(second), "neighbouring labels differ: " + first + " " + second);
        }
    }

    @Test
    void labelsUseAsManyDecimalsAsTheStepNeeds() {
        Axis axis = Axis.covering(0.76, 0.88, 6, false);
        assertEquals(0.02, axis.step(), 1e-15);
        assertEquals("0.80", axis.label(0.8));
        assertEquals("0.0", Axis.covering(-1, 1, 6, false).label(-1e-17), "no minus sign on zero");
        assertEquals("2", Axis.covering(0, 10, 6, false).label(2));
    }

    @Test
    void tinyStepsSwitchToScientificNotation() {
        Axis axis = Axis.covering(1.2e-5, 4.9e-5, 6, false);
        assertEquals("1e-05", axis.label(1e-5));
        Axis close = Axis.covering(1.011e-3, 1.049e-3, 6, false);
        String a = close.label(close.ticks()[1]);
        String b = close.label(close.ticks()[2]);
        assertTrue(a.contains("e-03") && !a.equals(b), a + " " + b);
    }

    @Test
    void mapsMinToZeroAndMaxToOne() {
        Axis axis = new Axis(-2, 6, 2);
        assertEquals(0, axis.fraction(-2));
        assertEquals(0.5, axis.fraction(2));
        assertEquals(1, axis.fraction(6));
    }

    @Test
    void rejectsRangesItCannotScale() {
        assertThrows(IllegalArgumentException.class, () -> Axis.covering(Double.NaN, 1, 6, false));
        assertThrows(IllegalArgumentException.class, () -> Axis.covering(0, Double.POSITIVE_INFINITY, 6, false));
        assertThrows(IllegalArgumentException.class, () -> Axis.covering(2, 1, 6, false));
        assertThrows(IllegalArgumentException.class, () -> new Axis(1, 1, 1));
    }
}
