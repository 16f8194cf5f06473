package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/** The same learning rate for every step. {@code training.learning-rate: 3.0} is shorthand for it. */
public final class ConstantSchedule implements LearningRateSchedule {
    private final double rate;

    public ConstantSchedule(double rate) {
        this.rate = rate;
    }

    @Override
    public double rate(TrainingProgress progress) {
        return rate;
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "a fixed learning rate";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the learning rate eta"));
        }

        @Override
        public ConstantSchedule create(Parameters parameters) {
            return new ConstantSchedule(parameters.number("rate"));
        }
    }
}
