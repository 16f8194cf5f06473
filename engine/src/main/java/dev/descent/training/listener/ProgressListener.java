package dev.descent.training.listener;

import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;

/** Tells a {@link Display} of the epoch's progress every 64 mini-batches and at the epoch's end. */
public final class ProgressListener implements TrainingListener {
    /** Progress within an epoch, for a progress bar. */
    @FunctionalInterface
    public interface Display {
        /** {@code costSum} sums the training cost of the epoch's first {@code samplesDone} samples. */
        void update(int epoch, long samplesDone, long samplesTotal, double costSum, double seconds);
    }

    private final Display display;

    public ProgressListener(Display display) {
        this.display = display;
    }

    @Override
    public void batchDone(RunState run) {
        // Asking the clock after every mini-batch would cost a small network's step a few percent.
        if ((run.stepInEpoch() & 63) == 0 || run.stepInEpoch() == run.stepsPerEpoch()) {
            display.update(run.epoch(), run.samplesDone(), run.samples(), run.costSum(), run.epochSeconds());
        }
    }
}
