package dev.descent.run;

import dev.descent.config.EarlyStop;
import dev.descent.config.TrainingConfig;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingResult.StopReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a run whose finished epochs are {@code results} had reached its end: the training loop's
 * stop rules applied again to the saved results, in the loop's order (patience, gradient norm, epochs).
 * A checkpoint written after the last epoch looks like one of a run that was stopped; this tells them
 * apart, so a resume neither trains past a stop nor trains an epoch again.
 *
 * @param reason why the run ended
 * @param epochs epochs trained
 * @param keptEpoch the epoch whose weights the model holds (0-based; the best one under early stopping)
 * @param why the reason in words: "gradient norm 3.1e-03 below 0.005"
 */
public record FinishedRun(StopReason reason, int epochs, int keptEpoch, String why) {
    public static Optional<FinishedRun> of(TrainingConfig training, List<EpochResult> results) {
        if (results.isEmpty()) return Optional.empty();
        EpochResult last = results.getLast();
        int n = results.size();
        EarlyStop early = training.earlyStop();
        int best = -1;
        if (early != null) {
            double bestMetric = Double.NaN;
            for (EpochResult r : results) {
                double metric = early.higherIsBetter() ? r.validationAccuracy() : -r.validationCost();
                if (best < 0 || metric > bestMetric) {
                    bestMetric = metric;
                    best = r.epoch();
                } else if (r.epoch() - best > early.patience() && r == last) {
                    return Optional.of(new FinishedRun(StopReason.EARLY_STOP, n, best,
                            "early stopping: " + early.metric() + " last improved in epoch " + (best + 1)));
                }
            }
        }
        int kept = best >= 0 ? best : n - 1;
        if (training.stopGradientNorm() > 0 && last.gradientNorm() < training.stopGradientNorm()) {
            return Optional.of(new FinishedRun(StopReason.GRADIENT_NORM, n, kept, String.format(Locale.ROOT,
                    "gradient norm %.3e below %s", last.gradientNorm(), plain(training.stopGradientNorm()))));
        }
        if (n >= training.epochs()) {
            return Optional.of(new FinishedRun(StopReason.EPOCHS_DONE, n, kept, epochsDone(n)));
        }
        return Optional.empty();
    }

    /** "all 2 epochs done", "its one epoch done". */
    public static String epochsDone(int n) {
        return n == 1 ? "its one epoch done" : "all " + n + " epochs done";
    }

    /** A threshold as written in a config: 1000, 0.005. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
