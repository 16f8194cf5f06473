package dev.descent.training;

import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A training run in progress, as its {@link TrainingListener}s see it: where it is (epoch and
 * mini-batch), the last mini-batch's cost and learning rate, the finished epochs' results, and the
 * means to snapshot it, to keep a copy of its weights and to stop it. One per call of
 * {@link Trainer#train}; the trainer alone moves it on.
 */
public final class RunState {
    private final Network network;
    final MiniBatches batches;
    private final int epochs;
    private final int stepsPerEpoch;
    private final List<EpochResult> results = new ArrayList<>();
    private final List<EpochResult> resultsView = Collections.unmodifiableList(results);
    int epoch;
    /** Mini-batches of {@link #epoch} done; {@link #stepsPerEpoch} once the epoch is finished. */
    int stepInEpoch;
    double costSum;
    double secondsBefore;
    private long epochStart;
    private double epochSeconds = -1;
    double finishedSeconds;
    private double batchCost;
    private double rate;
    private Network kept;
    private int keptEpoch = -1;
    private TrainingResult.StopReason stopReason;

    RunState(Network network, MiniBatches batches, int epochs) {
        this.network = network;
        this.batches = batches;
        this.epochs = epochs;
        int m = batches.size();
        this.stepsPerEpoch = (batches.order.length + m - 1) / m;
    }

    /** The network being trained; listeners may read it, and change it only through this class. */
    public Network network() {
        return network;
    }

    /** The configured number of epochs. */
    public int epochs() {
        return epochs;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Training samples per epoch. */
    public int samples() {
        return batches.order.length;
    }

    /** The current epoch (0-based); during {@code epochDone}, the epoch just finished. */
    public int epoch() {
        return epoch;
    }

    /** Mini-batches of the current epoch done, the last one included. */
    public int stepInEpoch() {
        return stepInEpoch;
    }

    /** Mini-batches done since the run began, the last one included. */
    public long stepsDone() {
        return (long) epoch * stepsPerEpoch + stepInEpoch;
    }

    /** Training samples of the current epoch done. */
    public long samplesDone() {
        return Math.min(samples(), (long) stepInEpoch * batches.size());
    }

    /** The summed cost of the last mini-batch. */
    public double batchCost() {
        return batchCost;
    }

    /** The learning rate the last mini-batch was stepped with. */
    public double rate() {
        return rate;
    }

    /** The summed training cost of the current epoch's mini-batches so far. */
    public double costSum() {
        return costSum;
    }

    /** Training seconds of the current epoch so far (evaluation excluded). */
    public double epochSeconds() {
        return epochSeconds >= 0 ? epochSeconds : secondsBefore + (System.nanoTime() - epochStart) / 1e9;
    }

    /** The finished epochs' results, oldest first; read-only. */
    public List<EpochResult> results() {
        return resultsView;
    }

    /** Everything needed to continue the run from here, copied (see {@link Resume}). */
    public TrainingState snapshot() {
        boolean finished = stepInEpoch == stepsPerEpoch;
        List<float[]> optimizerState = batches.optimizer.state().stream().map(float[]::clone).toList();
        return new TrainingState(finished ? epoch + 1 : epoch, finished ? 0 : stepInEpoch, finished ? 0 : costSum,
                finished ? 0 : epochSeconds(), results, network.copy(), copy(batches.epochWeightGradient),
                copy(batches.epochBiasGradient), optimizerState, kept != null ? kept.copy() : null);
    }

    /** Asks the run to stop at the end of this epoch; the first reason asked for is the one reported. */
    public void stop(TrainingResult.StopReason reason) {
        if (stopReason == null) stopReason = reason;
    }

    /** Why the run stops, or null while it goes on. */
    public TrainingResult.StopReason stopReason() {
        return stopReason;
    }

    /** Copies the current weights aside; snapshots carry them, and {@link #restoreKeptWeights} brings them back. */
    public void keepWeights() {
        if (kept == null) {
            kept = network.copy();
        } else {
            kept.copyFrom(network);
        }
    }

    public boolean hasKeptWeights() {
        return kept != null;
    }

    /** Ends the run with the weights kept aside, which are those of {@code epoch}. */
    public void restoreKeptWeights(int epoch) {
        if (kept == null) throw new IllegalStateException("no weights were kept");
        network.copyFrom(kept);
        keptEpoch = epoch;
    }

    void keep(Network weights) {
        kept = weights.copy();
    }

    void startEpoch() {
        if (stepInEpoch == 0) {
            batches.clearEpochGradient();
            costSum = 0;
            secondsBefore = 0;
        }
        epochSeconds = -1;
        epochStart = System.nanoTime();
    }

    void batchDone(double cost, double batchRate) {
        batchCost = cost;
        rate = batchRate;
        costSum += cost;
        stepInEpoch++;
    }

    /** Stops the epoch's clock; returns its training seconds. */
    double endEpoch() {
        epochSeconds = epochSeconds();
        finishedSeconds += epochSeconds;
        return epochSeconds;
    }

    void add(EpochResult result) {
        results.add(result);
    }

    /** Moves on to the next epoch if the current one is finished; returns the epoch to run. */
    int nextEpoch() {
        if (stepInEpoch == stepsPerEpoch) {
            epoch++;
            stepInEpoch = 0;
        }
        return epoch;
    }

    TrainingResult result(TrainingResult.StopReason reason) {
        boolean midEpoch = stepInEpoch > 0 && stepInEpoch < stepsPerEpoch;
        double seconds = finishedSeconds + (midEpoch ? epochSeconds() : 0);
        int keptIndex = keptEpoch >= 0 ? keptEpoch : results.size() - 1;
        return new TrainingResult(List.copyOf(results), reason, seconds, (long) results.size() * samples(), keptIndex);
    }

    private static float[][] copy(float[][] arrays) {
        float[][] c = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) c[i] = arrays[i] == null ? null : arrays[i].clone();
        return c;
    }
}
