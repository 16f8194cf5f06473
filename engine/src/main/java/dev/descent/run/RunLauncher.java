package dev.descent.run;

import dev.descent.DescentException;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataLocator;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.spi.EpochResult;
import dev.descent.spi.PluginRegistry;
import dev.descent.training.Experiment;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingResult;
import dev.descent.training.TrainingState;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@code descent train}, from a loaded and validated config to a finished (or stopped) run folder:
 * the command line and the library's {@code Experiment.train} both train through here, so the two give
 * the same run folder and the same bits. The caller holds the folder's {@link RunLock} and, for a resume,
 * has checked the checkpoint ({@link Resumption}); this class refuses a folder that holds another run,
 * reads the data, checks it is the resumed run's, writes the run's record and folder, and trains.
 */
public final class RunLauncher {
    private RunLauncher() {
    }

    /**
     * What to train: {@code config} into {@code folder}, on the data under {@code dataRoot} (null: the
     * default root), replacing an earlier run there when {@code overwrite}, else refusing it with
     * {@code occupiedHint} ("give another --out"); {@code resume} is null for a new run.
     */
    public record Request(ExperimentConfig config, Path folder, Path dataRoot, boolean overwrite,
                          Resumption resume, String occupiedHint) {
    }

    /** The caller's part of a run: what it prints, hears and stops. */
    public interface Session {
        /**
         * The run folder is ready and the data read; nothing is trained yet. {@code dataRoot} is the root
         * the data came from (a resumed run's own when none was given).
         */
        default void started(RunFolder run, Experiment experiment, TrainTest sets, Path dataRoot) {
        }

        /** After each epoch's metrics row is written. */
        void epochEnded(EpochResult result, double samplesPerSecond);

        /** Polled after every mini-batch: true stops the run, which saves its checkpoint and writes no model. */
        default boolean stopRequested() {
            return false;
        }

        /** Listeners of everything (progress, warnings), after the epoch listener. */
        default List<TrainingListener> listeners(TrainTest sets) {
            return List.of();
        }

        /**
         * Runs {@code training}, the epochs themselves: the command line installs its Ctrl-C handler and
         * progress bar around them (not around the data loading before, which Ctrl-C simply ends).
         */
        default TrainingResult around(Supplier<TrainingResult> training) {
            return training.get();
        }
    }

    /**
     * The run's result and folder; {@code resumedFinished} when the run had finished before and only its
     * model, summary and report were written from its checkpoint.
     */
    public record Outcome(TrainingResult result, RunFolder run, boolean resumedFinished) {
    }

    /**
     * Trains {@code request} with the plugins of {@code registry}; notes ({@code --overwrite} replacing a
     * run) go to {@code err}, download progress to {@code downloads} (null: none).
     */
    public static Outcome train(Request request, PluginRegistry registry, PrintWriter err, PrintStream downloads,
                                Session session) {
        ExperimentConfig cfg = request.config();
        Path folder = request.folder();
        Resumption resumption = request.resume();
        if (resumption == null) {
            String earlier = RunFolder.earlierRun(folder);
            if (earlier != null && !request.overwrite()) {
                throw new DescentException(folder + " holds " + earlier + "; " + request.occupiedHint());
            }
            if (earlier != null) {
                RunFolder.clear(folder);
                err.printf("descent: --overwrite: replacing %s in %s%n", earlier, folder);
                err.flush();
            }
        }
        TrainingState resumeFrom = resumption != null ? resumption.state() : null;
        Path dataRoot = request.dataRoot();
        if (dataRoot == null && resumption != null && resumption.record() != null
                && Files.isDirectory(resumption.record().dataRoot())) {
            dataRoot = resumption.record().dataRoot();   // the data the run was started on
        }
        // A user's own data is read before the experiment is assembled: auto layers take their widths from it.
        // A built-in set is read after, so that a bad plugin fails before anything is downloaded.
        TrainTest ownData = cfg.data().builtIn() ? null : TrainingData.load(cfg, dataRoot, new Downloader(), downloads);
        if (ownData != null) cfg = TrainingData.resolve(cfg, ownData);
        TrainingRun training = new TrainingRun(cfg, registry);
        try {
            TrainTest sets = ownData != null ? ownData : TrainingData.load(cfg, dataRoot, new Downloader(), downloads);
            DataIdentity identity = TrainingData.identity(cfg, dataRoot, sets);
            RunRecord record;
            RunFolder run;
            if (resumption != null) {
                checkSameData(resumption, identity, DataLocator.root(dataRoot), cfg, sets);
                record = resumption.record() != null ? resumption.record()
                        : RunRecord.start(DataLocator.root(dataRoot), identity);
                run = RunFolder.resume(resumption.folder(), resumeFrom.epochsDone());
            } else {
                record = RunRecord.start(DataLocator.root(dataRoot), identity);
                run = RunFolder.create(folder);
            }
            training.record(record);
            session.started(run, training.experiment(), sets, dataRoot);
            if (resumption != null && resumption.finished() != null) {
                return new Outcome(training.finish(resumeFrom, resumption.finished(), sets, run), run, true);
            }
            TrainingResult result = session.around(() -> training.train(sets, run, resumeFrom, session::epochEnded,
                    session::stopRequested, session.listeners(sets).toArray(TrainingListener[]::new)));
            return new Outcome(result, run, false);
        } finally {
            training.close();
        }
    }

    /** Refuses other data than the run's, and a checkpoint position outside an epoch of it. */
    private static void checkSameData(Resumption resumption, DataIdentity identity, Path root, ExperimentConfig cfg,
                                      TrainTest sets) {
        if (resumption.origin() != null) {
            List<String> differences = resumption.origin().data().differences(identity);
            if (!differences.isEmpty()) {
                throw new DescentException("the data in " + root.toAbsolutePath() + " is not the data the run in "
                        + resumption.folder() + " trained on: " + String.join("; ", differences)
                        + (resumption.record() != null ? "; the run read " + resumption.record().dataRoot() : ""));
            }
        }
        int trained = sets.train().count() - cfg.data().validation();
        int batch = Math.max(1, Math.min(cfg.training().batchSize(), trained));
        int steps = (trained + batch - 1) / batch;
        if (resumption.state().stepInEpoch() >= steps) {
            throw new DescentException(resumption.folder().resolve(Checkpoint.FILE) + " says checkpoint_step "
                    + resumption.state().stepInEpoch() + " but an epoch of this data has " + steps
                    + " mini-batches; the checkpoint is damaged or of other data");
        }
    }
}
