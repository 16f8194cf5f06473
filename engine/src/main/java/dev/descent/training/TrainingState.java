package dev.descent.training;

import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import java.util.List;

/**
 * Everything a training run needs to continue exactly where it stopped, so that a resumed run ends
 * with the same bits as one that never stopped. The shuffling and dropout generators need no state
 * of their own: each epoch's are derived from the run's seed and the epoch number.
 *
 * @param epoch the epoch in progress when {@code stepInEpoch > 0}, else the next epoch to run (0-based)
 * @param stepInEpoch mini-batches of {@code epoch} already trained
 * @param costSum the summed training cost of those mini-batches
 * @param epochSeconds training seconds spent on them
 * @param results the finished epochs' results; a schedule is brought back to its state by replaying them
 * @param network the parameters
 * @param epochWeightGradient the epoch's mean-gradient sums so far, by layer (index 0 unused)
 * @param epochBiasGradient likewise for biases
 * @param optimizerState copies of the optimizer's state arrays ({@link dev.descent.spi.Optimizer#state})
 * @param best the best epoch's parameters under early stopping, else null
 */
public record TrainingState(int epoch, int stepInEpoch, double costSum, double epochSeconds,
                            List<EpochResult> results, Network network, float[][] epochWeightGradient,
                            float[][] epochBiasGradient, List<float[]> optimizerState, Network best) {
    public TrainingState {
        results = List.copyOf(results);
        optimizerState = List.copyOf(optimizerState);
    }

    /** Finished epochs. */
    public int epochsDone() {
        return results.size();
    }
}
