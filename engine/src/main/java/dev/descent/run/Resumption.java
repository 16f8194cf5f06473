package dev.descent.run;

import dev.descent.training.TrainingState;
import java.nio.file.Path;

/**
 * What a resumed run continues from: the run's {@code folder}, the checkpoint's {@code state}, the run's
 * record and the checkpoint's origin (either may be null for older runs), and {@code finished} when the
 * checkpoint is of a run that had ended but was stopped before it wrote its model.
 */
public record Resumption(Path folder, TrainingState state, RunRecord record, Checkpoint.Origin origin,
                         FinishedRun finished) {
}
