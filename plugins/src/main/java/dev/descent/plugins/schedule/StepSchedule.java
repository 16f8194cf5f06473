package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/** Multiplies the rate by {@code factor} every {@code every} epochs: rate * factor^floor(epoch / every). */
public final class StepSchedule implements LearningRateSchedule {
    private final double rate;
    private final long every;
    private final double factor;

    public StepSchedule(double rate, long every, double factor) {
        this.rate = rate;
        this.every = every;
        this.factor = factor;
    }

    @Override
    public double rate(TrainingProgress progress) {
        return rate * StrictMath.pow(factor, progress.epoch() / every);
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "step";
        }

        @Override
        public String description() {
            return "rate * factor^floor(epoch / every)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    Parameter.integer("every", 10, 1, Integer.MAX_VALUE, "epochs between reductions"),
                    Parameter.number("factor", 0.1, Double.MIN_VALUE, 1e6, "what each reduction multiplies by"));
        }

        @Override
        public StepSchedule create(Parameters parameters) {
            return new StepSchedule(parameters.number("rate"), parameters.integer("every"),
                    parameters.number("factor"));
        }
    }
}
