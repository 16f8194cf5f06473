package dev.descent.run;

import dev.descent.config.ExperimentConfig;
import dev.descent.data.TrainTest;
import dev.descent.network.Network;
import dev.descent.report.RunReport;
import dev.descent.spi.EpochResult;
import dev.descent.spi.PluginRegistry;
import dev.descent.training.EpochListener;
import dev.descent.training.Experiment;
import dev.descent.training.TrainingResult;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingState;
import dev.descent.training.listener.Checkpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One training run into its run folder: what {@code descent train} does once it has read its
 * arguments, and what every trial of a sweep does. The experiment is assembled (plugins resolved,
 * network initialised) when the run is constructed, before any data is read; {@link #train} then
 * writes config.yaml, a metrics.csv row per epoch and the checkpoints, and, unless the run was
 * stopped, model.safetensors, summary.json and the report.
 */
public final class TrainingRun implements AutoCloseable {
    private final ExperimentConfig config;
    private final Experiment experiment;
    private final Map<String, String> metadata;
    private RunRecord record;
    private Map<String, Object> summary;

    public TrainingRun(ExperimentConfig config, PluginRegistry registry) {
        this.config = config;
        this.experiment = new Experiment(config, registry);
        this.metadata = modelMetadata(config, experiment);
    }

    /** The version in the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = TrainingRun.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public Experiment experiment() {
        return experiment;
    }

    /**
     * Makes this a run with an identity: {@link #train} writes {@code record} to run.json and into every
     * checkpoint, and summary.json gains its run id, data root and data identity.
     */
    public void record(RunRecord runRecord) {
        this.record = runRecord;
    }

    /**
     * Trains on {@code sets} into {@code run}, continuing from {@code resumeFrom} when it is not null.
     * {@code listener} hears of each epoch after its metrics row is written, then {@code others} of
     * everything (progress, warnings); {@code stopRequested} is polled after every mini-batch (a stopped
     * run saves its checkpoint and writes no model).
     */
    public TrainingResult train(TrainTest sets, RunFolder run, TrainingState resumeFrom, EpochListener listener,
                                BooleanSupplier stopRequested, TrainingListener... others) {
        run.writeConfig(config);
        sets.train().description().toMetadata(metadata);
        Map<String, String> checkpointMetadata = new LinkedHashMap<>(metadata);
        if (record != null) {
            record.write(run.path());
            checkpointMetadata.putAll(Checkpoint.originMetadata(record));
        }
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add((EpochListener) (r, samplesPerSecond) -> {
            run.appendMetrics(r, samplesPerSecond);
            listener.epochEnded(r, samplesPerSecond);
        });
        listeners.addAll(List.of(others));
        // Last, so that a saved state follows the epoch's metrics row and what the other listeners did.
        int every = config.training().checkpointEvery();
        listeners.add(new Checkpoints(every, state -> run.writeCheckpoint(state, checkpointMetadata)));
        TrainingResult result;
        try {
            result = experiment.train(sets.train(), sets.test(), resumeFrom, stopRequested, listeners);
        } finally {
            experiment.close();
        }
        if (result.stopReason() == TrainingResult.StopReason.INTERRUPTED) return result;
        writeResults(result, sets, run);
        return result;
    }

    /**
     * Writes the model, summary and report of a run that had {@code finished} when its last checkpoint,
     * {@code state}, was saved, but was killed before it wrote them: nothing is trained again.
     */
    public TrainingResult finish(TrainingState state, FinishedRun finished, TrainTest sets, RunFolder run) {
        experiment.close();
        sets.train().description().toMetadata(metadata);
        Network kept = state.best() != null ? state.best() : state.network();
        experiment.network().copyFrom(kept);
        double seconds = state.results().stream().mapToDouble(EpochResult::seconds).sum();
        int trained = sets.train().count() - config.data().validation();
        TrainingResult result = new TrainingResult(state.results(), finished.reason(), seconds,
                (long) state.results().size() * trained, finished.keptEpoch());
        writeResults(result, sets, run);
        return result;
    }

    private void writeResults(TrainingResult result, TrainTest sets, RunFolder run) {
        summary = summary(result);
        run.writeModel(experiment.network(), metadata);
        run.writeSummary(summary);
        RunReport.write(run.path(), config, experiment.network(), experiment.cost(), sets.test());
    }

    /** What summary.json holds, once {@link #train} has finished a run; null before, or after a stop. */
    public Map<String, Object> summary() {
        return summary;
    }

    /** Stops the kernels' worker threads, if the run never got to train. */
    @Override
    public void close() {
        experiment.close();
    }

    private static Map<String, String> modelMetadata(ExperimentConfig cfg, Experiment experiment) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "descent");
        m.put("descent_version", version());
        m.putAll(experiment.pluginProvenance());
        m.putAll(experiment.pluginParameters());
        m.put("dataset", cfg.data().dataset());
        m.put("seed", Long.toString(cfg.seed()));
        return m;
    }

    private Map<String, Object> summary(TrainingResult result) {
        EpochResult last = result.kept();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("parameters", experiment.network().parameterCount());
        s.put("layers", config.network().layers());
        s.put("epochs", result.epochs().size());
        s.put("kept_epoch", last.epoch() + 1);
        if (last.isRegression()) {
            s.put("task", "regression");
            s.put("test_rmse", last.testRmse());
            s.put("test_mae", last.testMae());
            s.put("test_r2", last.testR2());
        } else {
            s.put("test_accuracy", last.testAccuracy());
        }
        s.put("test_cost", last.testCost());
        s.put("final_cost", last.trainCost());
        if (last.hasValidation()) {
            if (!last.isRegression()) s.put("validation_accuracy", last.validationAccuracy());
            s.put("validation_cost", last.validationCost());
        }
        s.put("gradient_norm", last.gradientNorm());
        s.put("train_seconds", result.trainSeconds());
        s.put("samples_per_second", result.samplesPerSecond());
        s.put("seed", config.seed());
        s.put("kernels", experiment.kernels().name());
        s.put("threads", config.training().threads());
        s.put("warmup_seconds", experiment.warmUpSeconds());
        s.put("stop_reason", result.stopReason().name().toLowerCase(Locale.ROOT));
        s.put("descent_version", version());
        if (record != null) s.putAll(record.toMap());
        return s;
    }
}
