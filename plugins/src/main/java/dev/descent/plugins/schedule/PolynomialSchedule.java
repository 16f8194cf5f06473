package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/**
 * From {@code rate} down to {@code end} over {@code epochs} epochs, per step:
 * end + (rate - end) * (1 - t)^power, t = step / (epochs * stepsPerEpoch) capped at 1, so the rate
 * stays at {@code end} after the decay. power 1 is a straight line.
 */
public final class PolynomialSchedule implements LearningRateSchedule {
    private final double rate;
    private final double end;
    private final long epochs;
    private final double power;

    /** {@code epochs} 0 means the whole run. */
    public PolynomialSchedule(double rate, double end, long epochs, double power) {
        this.rate = rate;
        this.end = end;
        this.epochs = epochs;
        this.power = power;
    }

    @Override
    public double rate(TrainingProgress progress) {
        double t = Schedules.fraction(progress, epochs);
        return end + (rate - end) * StrictMath.pow(1 - t, power);
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "polynomial";
        }

        @Override
        public String description() {
            return "end + (rate - end) * (1 - t)^power, t the fraction of the decay's epochs done";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    Parameter.number("end", 0.0, 0, 1e6, "the rate at the end of the decay"),
                    Parameter.integer("epochs", 0, 0, Integer.MAX_VALUE, "length of the decay; 0 means the whole run"),
                    Parameter.number("power", 1.0, Double.MIN_VALUE, 1e6, "shape of the curve; 1 is linear"));
        }

        @Override
        public PolynomialSchedule create(Parameters parameters) {
            return new PolynomialSchedule(parameters.number("rate"), parameters.number("end"),
                    parameters.integer("epochs"), parameters.number("power"));
        }
    }
}
