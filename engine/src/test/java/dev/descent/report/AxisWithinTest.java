package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Axis#within}: the ends a chart chose, with nice ticks only between them (the slope chart's axes). */
class AxisWithinTest {
    @Test
    void keepsTheGivenEndsAndTicksTheMultiplesBetween() {
        Axis axis = Axis.within(-4.16, 4.16, 6);
        assertEquals(-4.16, axis.min());
        assertEquals(4.16, axis.max());
        assertEquals(2, axis.step());
        assertArrayEquals(new double[] {-4, -2, 0, 2, 4}, axis.ticks());
    }

    @Test
    void noTickFallsOutsideEvenWhenAnEndIsPastHalfAStep() {
        // round(-5.1 / 2) would start at -6, outside the axis; the ticks start at the first multiple inside.
        Axis axis = Axis.within(-5.1, 5.1, 6);
        assertArrayEquals(new double[] {-4, -2, 0, 2, 4}, axis.ticks());
    }

    @Test
    void anEndOnATickUpToRoundingKeepsThatTick() {
        assertArrayEquals(new double[] {0.06, 0.08, 0.1}, Axis.within(0.06, 0.1 + 1e-17, 3).ticks(), 1e-15);
    }

    @Test
    void refusesAnEmptyOrNonFiniteRange() {
        assertThrows(IllegalArgumentException.class, () -> Axis.within(1, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> Axis.within(0, Double.NaN, 6));
    }
}
