package dev.descent.plugins.schedule;

import dev.descent.DescentException;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.TrainingProgress;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Starts at {@code rate}; when the metric has not fallen below its best for more than
 * {@code patience} epochs in a row, multiplies the rate by {@code factor} (not below
 * {@code min-rate}) and starts counting again. Keeps state, so one instance serves one run.
 *
 * <p>By default ({@code metric: auto}) it watches the validation cost when the run holds out a
 * validation set and the training cost otherwise: a schedule tuned on the test set would make the
 * test figures optimistic, so it watches the test cost only when {@code metric: test-cost} says so.
 */
public final class ReduceOnPlateauSchedule implements LearningRateSchedule {
    private final ToDoubleFunction<EpochResult> metric;
    private final long patience;
    private final double factor;
    private final double minRate;
    private double rate;
    private double best = Double.POSITIVE_INFINITY;
    private long epochsWithoutImprovement;

    public ReduceOnPlateauSchedule(double rate, ToDoubleFunction<EpochResult> metric, long patience, double factor,
                                   double minRate) {
        this.rate = rate;
        this.metric = metric;
        this.patience = patience;
        this.factor = factor;
        this.minRate = minRate;
    }

    @Override
    public double rate(TrainingProgress progress) {
        return rate;
    }

    @Override
    public void epochEnded(EpochResult result) {
        double value = metric.applyAsDouble(result);
        if (Double.isNaN(value)) return; // no evidence either way (for example no test set)
        if (value < best) {
            best = value;
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement > patience) {
            rate = Math.max(rate * factor, minRate);
            epochsWithoutImprovement = 0;
        }
    }

    public static final class Provider implements ScheduleProvider {
        static final String AUTO = "auto";

        @Override
        public String name() {
            return "reduce-on-plateau";
        }

        @Override
        public String description() {
            return "multiplies the rate by factor when the metric stops improving for more than patience epochs;"
                    + " watches the validation cost, else the training cost, and the test set only when named";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.number("rate", 3.0, Double.MIN_VALUE, 1e6, "the starting learning rate eta"),
                    Parameter.integer("patience", 10, 0, Integer.MAX_VALUE, "epochs without improvement to tolerate"),
                    Parameter.number("factor", 0.1, Double.MIN_VALUE, 1.0, "what each reduction multiplies by"),
                    Parameter.number("min-rate", 0.0, 0.0, 1e6, "the rate never goes below this"),
                    Parameter.string("metric", AUTO, "what must improve: auto (validation-cost with data.validation,"
                            + " else train-cost), validation-cost, train-cost, or test-cost (tunes on the test set)"));
        }

        @Override
        public ReduceOnPlateauSchedule create(Parameters parameters) {
            String name = parameters.string("metric");
            ToDoubleFunction<EpochResult> metric = switch (name) {
                // Whether a run holds out a validation set shows in every epoch's result, not in create().
                case AUTO -> r -> r.hasValidation() ? r.validationCost() : r.trainCost();
                case "validation-cost" -> EpochResult::validationCost;   // without data.validation: refused at load
                case "train-cost" -> EpochResult::trainCost;
                case "test-cost" -> EpochResult::testCost;
                default -> throw new DescentException("invalid value '" + name + "' for parameter 'metric' of schedule"
                        + " 'reduce-on-plateau'; valid: auto, validation-cost, train-cost, test-cost");
            };
            return new ReduceOnPlateauSchedule(parameters.number("rate"), metric, parameters.integer("patience"),
                    parameters.number("factor"), parameters.number("min-rate"));
        }
    }
}
