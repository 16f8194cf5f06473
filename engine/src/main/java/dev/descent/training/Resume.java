package dev.descent.training;

import dev.descent.DescentException;
import dev.descent.kernel.Kernels;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import java.util.List;

/**
 * Puts a saved {@link TrainingState} back into a fresh run, so that it continues where the saved one
 * stopped: the parameters, the optimizer's state, the epoch's gradient sums, cost and time so far,
 * the finished epochs' results, the kept weights, and the schedule (brought back to its state by
 * replaying the results to it). Shuffling and dropout need nothing: each epoch's generators come from
 * the run's seeds and the epoch number.
 */
final class Resume {
    private Resume() {
    }

    static void restore(TrainingState state, RunState run, LearningRateSchedule schedule) {
        MiniBatches batches = run.batches;
        List<float[]> target = batches.optimizer.state();
        if (target.size() != state.optimizerState().size()) {
            throw new DescentException("the checkpoint holds " + state.optimizerState().size()
                    + " optimizer state arrays but this optimizer has " + target.size()
                    + "; resume with the optimizer the run was started with");
        }
        run.network().copyFrom(state.network());
        for (int i = 0; i < target.size(); i++) {
            copyInto(state.optimizerState().get(i), target.get(i), "optimizer state " + i);
        }
        for (int l = 1; l < run.network().depth(); l++) {
            copyInto(state.epochWeightGradient()[l], batches.epochWeightGradient[l], "epoch weight gradient " + l);
            copyInto(state.epochBiasGradient()[l], batches.epochBiasGradient[l], "epoch bias gradient " + l);
        }
        for (EpochResult r : state.results()) {
            run.add(r);
            run.finishedSeconds += r.seconds();
            schedule.epochEnded(r);
        }
        if (state.best() != null) run.keep(state.best());
        run.epoch = state.epoch();
        run.stepInEpoch = state.stepInEpoch();
        run.costSum = state.costSum();
        run.secondsBefore = state.epochSeconds();
    }

    /** Copies a saved array into a live one, which may be longer by the kernels' slack. */
    private static void copyInto(float[] saved, float[] live, String what) {
        if (saved.length > live.length || saved.length < live.length - Kernels.SLACK) {
            throw new DescentException("the checkpoint's " + what + " has " + saved.length
                    + " values where this run has " + live.length
                    + "; it was saved by a different network or optimizer");
        }
        System.arraycopy(saved, 0, live, 0, saved.length);
    }
}
