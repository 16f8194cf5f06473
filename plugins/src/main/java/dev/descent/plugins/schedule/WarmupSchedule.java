package dev.descent.plugins.schedule;

import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;

/**
 * Linear warm-up wrapping another schedule: for the first {@code steps} mini-batches the wrapped
 * rate is scaled by (step + 1) / steps, so the first steps of a freshly initialised network are
 * small; afterwards the wrapped schedule runs unchanged. Epoch results pass through to it.
 */
public final class WarmupSchedule implements LearningRateSchedule {
    private final long steps;
    private final LearningRateSchedule then;

    public WarmupSchedule(long steps, LearningRateSchedule then) {
        this.steps = steps;
        this.then = then;
    }

    @Override
    public double rate(TrainingProgress progress) {
        double rate = then.rate(progress);
        return progress.step() < steps ? rate * (progress.step() + 1) / steps : rate;
    }

    @Override
    public void epochEnded(EpochResult result) {
        then.epochEnded(result);
    }

    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "warmup";
        }

        @Override
        public String description() {
            return "linear warm-up over the first steps, then the schedule given as 'then'";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.integer("steps", 500, 1, Long.MAX_VALUE, "mini-batches over which the rate ramps up"),
                    Parameter.schedule("then", "constant", "the schedule to warm up into, e.g. {name: cosine}"));
        }

        @Override
        public WarmupSchedule create(Parameters parameters) {
            return new WarmupSchedule(parameters.integer("steps"), parameters.schedule("then"));
        }
    }
}
