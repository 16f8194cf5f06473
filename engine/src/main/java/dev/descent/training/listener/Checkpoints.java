package dev.descent.training.listener;

import dev.descent.spi.EpochResult;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingState;
import java.util.function.Consumer;

/**
 * Saves the run's state every {@code every} epochs (0: never on its own) and when the run is asked
 * to stop, at most once per mini-batch reached. Added after the listeners that change what a state
 * holds (early stopping keeps weights aside), so that a saved state is the run's as it continues.
 */
public final class Checkpoints implements TrainingListener {
    private final int every;
    private final Consumer<TrainingState> sink;
    private long savedAt = -1;

    public Checkpoints(int every, Consumer<TrainingState> sink) {
        this.every = every;
        this.sink = sink;
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        if (every > 0 && (result.epoch() + 1) % every == 0) save(run);
    }

    @Override
    public void stopRequested(RunState run) {
        save(run);
    }

    private void save(RunState run) {
        if (run.stepsDone() == savedAt) return;
        sink.accept(run.snapshot());
        savedAt = run.stepsDone();
    }
}
