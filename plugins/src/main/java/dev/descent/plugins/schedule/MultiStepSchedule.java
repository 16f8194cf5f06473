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

    /** Parses {@code "10,20"}; rejects anything but strictly ascending epoch numbers from 1. */
    static int[] parseMilestones(String text) {
        String[] parts = text.split(",", -1);
        int[] milestones = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                milestones[i] = Integer.parseInt(parts[i].strip());
                if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new DescentException("invalid value '" + text
                    + "' for parameter 'milestones' of schedule 'multi-step':"
                    + " expected epoch numbers from 1, ascending, separated by commas, like \"10,20\"");
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
                    new Parameter("milestones", Parameter.Type.STRING, null, 0, 0,
                            "required; the epochs at which to reduce, ascending, comma-separated: \"10,20\""),
                    Parameter.number("factor", 0.1, Double.MIN_VALUE, 1e6, "what each reduction multiplies by"));
        }

        @Override
        public MultiStepSchedule create(Parameters parameters) {
            return new MultiStepSchedule(parameters.number("rate"), parseMilestones(parameters.string("milestones")),
                    parameters.number("factor"));
        }
    }
}
