package dev.descent.plugins.schedule;

import dev.descent.DescentException;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/** Multiplies the rate by {@code factor} at each milestone epoch: rate * factor^(milestones reached). */
public final class MultiStepSchedule implements LearningRateSchedule {
    private final double rate;
    private final int[] milestones;
    private final double factor;

    /** {@code milestones} ascending epoch numbers. */
    public MultiStepSchedule(double rate, int[] milestones, double factor) {
        this.rate = rate;
        this.milestones = milestones.clone();
        this.factor = factor;
    }

    @Override
    public double rate(TrainingProgress progress) {
        int reached = 0;
        while (reached < milestones.length && progress.epoch() >= milestones[reached]) reached++;
        return rate * StrictMath.pow(factor, reached);
    }

    /** The milestones as epoch numbers; rejects any that are not strictly ascending. */
    static int[] milestones(List<Long> values) {
        int[] milestones = new int[values.size()];
        for (int i = 0; i < milestones.length; i++) {
            milestones[i] = Math.toIntExact(values.get(i));   // the parameter's range keeps them within int
            if (i > 0 && milestones[i] <= milestones[i - 1]) {
                throw new DescentException("invalid value " + values + " for parameter 'milestones': expected epoch"
                        + " numbers in ascending order, each once, like [10, 20]");
            }
        }
        return milestones;
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "multi-step";
        }

        @Override
        public String description() {
            return "rate * factor^(number of milestone epochs reached)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the base learning rate eta"),
                    // required: any default epochs would be a guess about the run's length
                    Parameter.requiredIntegers("milestones", 1, 1_000_000,
                            "required; the epochs at which to reduce, ascending: [10, 20] (or \"10,20\")"),
                    Parameter.number("factor", 0.1, Double.MIN_VALUE, 1e6, "what each reduction multiplies by"));
        }

        @Override
        public MultiStepSchedule create(Parameters parameters) {
            return new MultiStepSchedule(parameters.number("rate"), milestones(parameters.integers("milestones")),
                    parameters.number("factor"));
        }
    }
}
