package dev.descent.plugins.schedule;

import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/**
 * Smith's one-cycle policy, per step. With T = epochs * stepsPerEpoch steps, U = pct-start * T,
 * start = max-rate / div and end = start / final-div:
 * <pre>
 *   step &lt; U:  start + (max-rate - start) * step / U                      (linear warm-up)
 *   otherwise: end + (max-rate - end) * (1 + cos(pi t)) / 2,  t = (step - U) / (T - U), capped at 1
 * </pre>
 * The rate peaks at max-rate at step U and would reach end at step T, just after the last step.
 */
public final class OneCycleSchedule implements LearningRateSchedule {
    private final double maxRate;
    private final double start;
    private final double end;
    private final double pctStart;

    public OneCycleSchedule(double maxRate, double div, double pctStart, double finalDiv) {
        this.maxRate = maxRate;
        this.start = maxRate / div;
        this.end = start / finalDiv;
        this.pctStart = pctStart;
    }

    @Override
    public double rate(TrainingProgress progress) {
        double total = (double) progress.stepsPerEpoch() * progress.epochs();
        double up = pctStart * total;
        double step = progress.step();
        if (step < up) {
            return start + (maxRate - start) * step / up;
        }
        double t = total > up ? Math.min(1, (step - up) / (total - up)) : 1;
        return end + (maxRate - end) * (1 + StrictMath.cos(Math.PI * t)) / 2;
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "one-cycle";
        }

        @Override
        public String description() {
            return "one-cycle: linear up from max-rate/div to max-rate, then cosine down to max-rate/(div*final-div)";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("max-rate", 3.0, Double.MIN_VALUE, 1e6, "the peak learning rate"),
                    Parameter.number("div", 25.0, 1.0, 1e9, "the starting rate is max-rate / div"),
                    Parameter.number("pct-start", 0.3, 0.0, 1.0, "fraction of the run spent rising"),
                    Parameter.number("final-div", 1e4, 1.0, 1e12, "the final rate is the starting rate / final-div"));
        }

        @Override
        public OneCycleSchedule create(Parameters parameters) {
            return new OneCycleSchedule(parameters.number("max-rate"), parameters.number("div"),
                    parameters.number("pct-start"), parameters.number("final-div"));
        }
    }
}
