package dev.descent.training.listener;

import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.training.DivergenceException;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;

/**
 * Ends the run with a {@link DivergenceException} as soon as its numbers stop being finite: a
 * mini-batch's cost, the learning rate the schedule gave it, an epoch's gradient norm, or a parameter
 * (a finite gradient times a large rate can still overflow a weight). Added before the listeners that
 * write, so that such numbers never reach the metrics or a checkpoint, which would replace the last
 * good one. The message names the plugin at fault: the schedule for a rate that is not a number, else
 * the cost, with the advice to lower the rate.
 */
public final class DivergenceCheck implements TrainingListener {
    private final String cost;
    private final String schedule;

    /** {@code cost} and {@code schedule} name the plugins for messages, e.g. {@code quadratic (built-in)}. */
    public DivergenceCheck(String cost, String schedule) {
        this.cost = cost;
        this.schedule = schedule;
    }

    @Override
    public void batchDone(RunState run) {
        if (!Double.isFinite(run.rate())) {
            throw new DivergenceException("the learning-rate schedule " + schedule + " returned " + run.rate()
                    + " as the rate of epoch " + (run.epoch() + 1) + ", step " + run.stepsDone()
                    + "; the schedule plugin is at fault, not the network: check its parameters at "
                    + "training.learning-rate, or the plugin");
        }
        if (!Double.isFinite(run.batchCost())) throw diverged(run, run.batchCost());
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        if (!Double.isFinite(result.gradientNorm())) throw diverged(run, result.gradientNorm());
        float bad = firstNonFinite(run.network());
        if (bad != 0) throw diverged(run, bad);
    }

    private DivergenceException diverged(RunState run, double value) {
        return new DivergenceException("training diverged in epoch " + (run.epoch() + 1) + " at step " + run.stepsDone()
                + ": the cost or gradient became " + value + " with learning rate " + run.rate()
                + "; try a smaller training.learning-rate (cost: " + cost + ")");
    }

    /** The first NaN or infinite weight or bias, or 0 when every parameter is finite. */
    private static float firstNonFinite(Network network) {
        for (int l = 1; l < network.depth(); l++) {
            float[] w = network.weights(l);
            for (int i = 0, n = network.size(l - 1) * network.size(l); i < n; i++) {
                if (!Float.isFinite(w[i])) return w[i];
            }
            float[] b = network.biases(l);
            for (int i = 0, n = network.size(l); i < n; i++) {
                if (!Float.isFinite(b[i])) return b[i];
            }
        }
        return 0;
    }
}
