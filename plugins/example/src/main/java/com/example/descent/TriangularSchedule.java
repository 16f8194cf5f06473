package com.example.descent;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/**
 * A cyclical learning rate (Smith, 2017): the rate climbs linearly from {@code low} to {@code high}
 * over {@code half-cycle} steps, falls back over as many, and repeats. An example of an external
 * plugin: a schedule and its provider, registered in META-INF/services.
 */
public final class TriangularSchedule implements LearningRateSchedule {
    private final double low;
    private final double high;
    private final long halfCycle;

    public TriangularSchedule(double low, double high, long halfCycle) {
        this.low = low;
        this.high = high;
        this.halfCycle = halfCycle;
    }

    @Override
    public double rate(TrainingProgress progress) {
        long position = progress.step() % (2 * halfCycle);
        double rising = position < halfCycle ? position : 2 * halfCycle - position;
        return low + (high - low) * rising / halfCycle;
    }

    /** The factory descent finds with ServiceLoader; it must have a public no-argument constructor. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "triangular";
        }

        @Override
        public String description() {
            return "cyclical rate: linear from low to high and back every 2 * half-cycle steps";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("low", 0.5, Double.MIN_VALUE, 1e6, "the rate at the start of each cycle"),
                    Parameter.number("high", 3.0, Double.MIN_VALUE, 1e6, "the rate at the middle of each cycle"),
                    Parameter.integer("half-cycle", 1000, 1, Long.MAX_VALUE, "steps from low to high"));
        }

        @Override
        public TriangularSchedule create(Parameters parameters) {
            return new TriangularSchedule(parameters.number("low"), parameters.number("high"),
                    parameters.integer("half-cycle"));
        }
    }
}
