package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/** rate / (1 + decay * step), step being the global mini-batch index: decays as 1/t, per step. */
public final class InverseTimeSchedule implements LearningRateSchedule {
    private final double rate;
    private final double decay;

    public InverseTimeSchedule(double rate, double decay) {
        this.rate = rate;
        this.decay = decay;
    }

    @Override
    public double rate(TrainingProgress progress) {
        return rate / (1 + decay * progress.step());
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "inverse-time";
        }

        @Override
        public String description() {
            return "rate / (1 + decay * step)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    Parameter.number("decay", 1e-3, 0, 1e6, "how fast the rate falls, per mini-batch"));
        }

        @Override
        public InverseTimeSchedule create(Parameters parameters) {
            return new InverseTimeSchedule(parameters.number("rate"), parameters.number("decay"));
        }
    }
}
