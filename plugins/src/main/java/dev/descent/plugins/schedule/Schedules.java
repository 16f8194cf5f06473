package dev.descent.plugins.schedule;

import dev.descent.spi.TrainingProgress;

/** Arithmetic shared by the decaying schedules. */
final class Schedules {
    private Schedules() {
    }

    /**
     * How far a decay lasting {@code epochs} epochs (0: the whole run) is at this step, in [0, 1];
     * stays 1 once the decay is over.
     */
    static double fraction(TrainingProgress progress, long epochs) {
        long length = (epochs == 0 ? progress.epochs() : epochs) * (long) progress.stepsPerEpoch();
        return length <= 0 ? 1 : Math.min(1, (double) progress.step() / length);
    }
}
