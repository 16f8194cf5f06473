package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/**
 * Cosine annealing from {@code rate} down to {@code floor} over {@code epochs} epochs, per step:
 * floor + (rate - floor) * (1 + cos(pi t)) / 2, t = step / (epochs * stepsPerEpoch) capped at 1.
 * Falls slowly at first and last, fastest in the middle.
 */
public final class CosineSchedule implements LearningRateSchedule {
    private final double rate;
    private final double floor;
    private final long epochs;

    /** {@code epochs} 0 means the whole run. */
    public CosineSchedule(double rate, double floor, long epochs) {
        this.rate = rate;
        this.floor = floor;
        this.epochs = epochs;
    }

    @Override
    public double rate(TrainingProgress progress) {
        double t = Schedules.fraction(progress, epochs);
        return floor + (rate - floor) * (1 + StrictMath.cos(Math.PI * t)) / 2;
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public String description() {
            return "cosine annealing from rate down to floor over epochs (default the whole run)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    Parameter.number("floor", 0.0, 0, 1e6, "the rate at the end of the decay"),
                    Parameter.integer("epochs", 0, 0, Integer.MAX_VALUE, "length of the decay; 0 means the whole run"));
        }

        @Override
        public CosineSchedule create(Parameters parameters) {
            return new CosineSchedule(parameters.number("rate"), parameters.number("floor"),
                    parameters.integer("epochs"));
        }
    }
}
