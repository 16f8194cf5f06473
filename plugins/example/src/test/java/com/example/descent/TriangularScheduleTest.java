package com.example.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.spi.TrainingProgress;
import dev.descent.testkit.ProviderContract;
import org.junit.jupiter.api.Test;

class TriangularScheduleTest {
    /** descent's test kit: the checks every provider must pass (name, parameters, ranges, finite positive rates). */
    @Test
    void honoursDescentsProviderContract() {
        ProviderContract.onClassPath().assertAll(new TriangularSchedule.Provider());
    }

    @Test
    void climbsFromLowToHighOverHalfACycleAndBack() {
        TriangularSchedule schedule = new TriangularSchedule(0.5, 3.0, 100);
        assertEquals(0.5, rate(schedule, 0), 1e-12);
        assertEquals(1.75, rate(schedule, 50), 1e-12);
        assertEquals(3.0, rate(schedule, 100), 1e-12);
        assertEquals(1.75, rate(schedule, 150), 1e-12);
        assertEquals(0.5, rate(schedule, 200), 1e-12);
    }

    private static double rate(TriangularSchedule schedule, long step) {
        return schedule.rate(new TrainingProgress((int) (step / 50), step, 50, 10));
    }
}
