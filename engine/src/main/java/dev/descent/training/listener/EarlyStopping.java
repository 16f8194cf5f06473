package dev.descent.training.listener;

import dev.descent.config.EarlyStop;
import dev.descent.spi.EpochResult;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingResult;
import java.util.List;

/**
 * {@code training.early-stop}: stops the run when the validation metric has not improved for the
 * patience, and ends it (unless it was interrupted, when a resume continues from the current weights)
 * with the best epoch's weights, which it keeps aside in the run. The best epoch is worked out from
 * the run's results each time, so a resumed run needs nothing restored but the kept weights.
 */
public final class EarlyStopping implements TrainingListener {
    private final EarlyStop rule;

    public EarlyStopping(EarlyStop rule) {
        this.rule = rule;
    }

    @Override
    public void started(RunState run) {
        // Checkpoints carry the kept weights from the start, as they always have.
        if (!run.hasKeptWeights()) run.keepWeights();
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        int best = bestEpoch(run.results());
        if (best == result.epoch()) {
            run.keepWeights();
        } else if (result.epoch() - best > rule.patience()) {
            run.stop(TrainingResult.StopReason.EARLY_STOP);
        }
    }

    @Override
    public void finished(RunState run, TrainingResult.StopReason reason) {
        int best = bestEpoch(run.results());
        if (reason != TrainingResult.StopReason.INTERRUPTED && best >= 0) run.restoreKeptWeights(best);
    }

    /** The first epoch whose metric no later epoch beat, or -1 before the first epoch. */
    private int bestEpoch(List<EpochResult> results) {
        int best = -1;
        double bestMetric = Double.NaN;
        for (EpochResult r : results) {
            double metric = rule.higherIsBetter() ? r.validationAccuracy() : -r.validationCost();
            if (best < 0 || metric > bestMetric) {
                best = r.epoch();
                bestMetric = metric;
            }
        }
        return best;
    }
}
