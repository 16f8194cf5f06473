package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // Rows: actual; columns: predicted.
    private final ConfusionMatrix m = new ConfusionMatrix(new int[][] {
        {8, 2, 0},
        {1, 6, 3},
        {0, 0, 0},
    });

    @Test
    void precisionIsPerPredictedColumnRecallPerActualRow() {
        assertEquals(8.0 / 9, m.precision(0), 1e-15);
        assertEquals(6.0 / 8, m.precision(1), 1e-15);
        assertEquals(0.0, m.precision(2));
        assertEquals(0.8, m.recall(0), 1e-15);
        assertEquals(0.6, m.recall(1), 1e-15);
        assertEquals(14.0 / 20, m.accuracy(), 1e-15);
    }

    @Test
    void anEmptyRowOrColumnHasNoRatio() {
        assertTrue(Double.isNaN(m.recall(2)));
        assertTrue(Double.isNaN(new ConfusionMatrix(new int[][] {{0, 0}, {3, 0}}).precision(1)));
    }

    @Test
    void keepsItsOwnCopy() {
        int[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix own = new ConfusionMatrix(counts);
        counts[0][0] = 99;
        own.counts()[1][1] = 99;
        assertEquals(1, own.count(0, 0));
        assertEquals(1, own.count(1, 1));
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(new int[][] {{1, 2}, {3}}));
    }
}
