package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/** rate * gamma^epoch: a smooth version of the step schedule. */
public final class ExponentialSchedule implements LearningRateSchedule {
    private final double rate;
    private final double gamma;

    public ExponentialSchedule(double rate, double gamma) {
        this.rate = rate;
        this.gamma = gamma;
    }

    @Override
    public double rate(TrainingProgress progress) {
        return rate * StrictMath.pow(gamma, progress.epoch());
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public String description() {
            return "rate * gamma^epoch";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    Parameter.number("gamma", 0.95, Double.MIN_VALUE, 1e6, "what each epoch multiplies the rate by"));
        }

        @Override
        public ExponentialSchedule create(Parameters parameters) {
            return new ExponentialSchedule(parameters.number("rate"), parameters.number("gamma"));
        }
    }
}
