package dev.descent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.io.AtomicFiles;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes one run's outputs into its folder. */
public final class RunFolder {
    public static final String CONFIG = "config.yaml";
    public static final String METRICS = "metrics.csv";
    public static final String MODEL = "model.safetensors";
    public static final String SUMMARY = "summary.json";
    static final String METRICS_HEADER =
            "epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate,seconds,samples_per_second";
    static final String VALIDATION_HEADER = ",validation_cost,validation_accuracy";
    /** A regression's test errors, in the targets' units; its accuracy columns hold NaN. */
    static final String REGRESSION_HEADER = ",test_rmse,test_mae,test_r2";

    private final Path folder;
    private final List<String> metricRows = new ArrayList<>();

    private RunFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Creates the folder (and parents) if needed; fails clearly when it cannot be written. Temporary
     * files that a killed run left behind ({@link AtomicFiles} writes {@code .<name>*.tmp} and renames
     * it) are deleted: they are never complete, and the files they were to replace are intact.
     */
    public static RunFolder create(Path folder) {
        try {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) throw new IOException("not writable");
            try (var files = Files.list(folder)) {
                for (Path f : files.filter(RunFolder::isLeftOverTemporary).toList()) Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new DescentException("cannot write the run folder " + folder + ": " + describe(e));
        }
        return new RunFolder(folder);
    }

    /** A temporary file of {@link AtomicFiles} for one of the files a run writes. */
    static boolean isLeftOverTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)
                && OUTPUTS.stream().anyMatch(output -> name.startsWith("." + output));
    }

    private static final List<String> OUTPUTS = List.of(CONFIG, METRICS, MODEL, SUMMARY, Checkpoint.FILE, "report.html",
            "curves.png", "weights.png", "error.log", RunRecord.FILE);

    /**
     * What {@code folder} holds of an earlier run, in words ("a finished run (2 epochs, test accuracy
     * 0.8469)"), or null when it holds none: a folder belongs to one run.
     */
    public static String earlierRun(Path folder) {
        if (!Files.isDirectory(folder)) return null;
        Path summary = folder.resolve(SUMMARY);
        if (Files.isRegularFile(summary)) {
            try {
                Map<?, ?> s = new ObjectMapper().readValue(Files.readString(summary), Map.class);
                int epochs = ((Number) s.get("epochs")).intValue();
                boolean regression = s.containsKey("test_rmse");
                return String.format(Locale.ROOT, "a finished run (%d epoch%s, test %s %.4g)", epochs,
                        epochs == 1 ? "" : "s", regression ? "rmse" : "accuracy",
                        ((Number) s.get(regression ? "test_rmse" : "test_accuracy")).doubleValue());
            } catch (IOException | RuntimeException e) {
                return "a finished run (" + SUMMARY + ")";
            }
        }
        Path checkpoint = folder.resolve(Checkpoint.FILE);
        if (Files.isRegularFile(checkpoint)) {
            try {
                TrainingState state = Checkpoint.read(checkpoint);
                return "an interrupted run (checkpoint after " + state.epochsDone() + " finished epochs"
                        + (state.stepInEpoch() > 0 ? " and " + state.stepInEpoch() + " mini-batches" : "") + ")";
            } catch (DescentException e) {
                return "an interrupted run (" + Checkpoint.FILE + ")";
            }
        }
        List<String> files = List.of(CONFIG, METRICS, MODEL, RunRecord.FILE).stream()
                .filter(name -> Files.isRegularFile(folder.resolve(name))).toList();
        return files.isEmpty() ? null
                : "the files of a run stopped before its first checkpoint (" + String.join(", ", files) + ")";
    }

    /** Deletes the files a run writes (and nothing else) from {@code folder}, for {@code --overwrite}. */
    public static void clear(Path folder) {
        try {
            for (String name : OUTPUTS) Files.deleteIfExists(folder.resolve(name));
        } catch (IOException e) {
            throw new DescentException("cannot clear the run folder " + folder + ": " + describe(e));
        }
    }

    /**
     * Opens the folder of a stopped run to continue it: metrics.csv keeps the rows of the
     * {@code finishedEpochs} epochs the checkpoint holds (later rows, from epochs after the last
     * checkpoint, are trained again).
     */
    public static RunFolder resume(Path folder, int finishedEpochs) {
        RunFolder run = create(folder);
        Path metrics = folder.resolve(METRICS);
        try {
            List<String> lines = Files.exists(metrics) ? Files.readAllLines(metrics) : List.of();
            if (lines.size() < finishedEpochs + 1 && finishedEpochs > 0) {
                throw new DescentException(metrics + " has " + Math.max(0, lines.size() - 1)
                        + " epochs but the checkpoint " + finishedEpochs + "; the run folder is damaged");
            }
            if (finishedEpochs > 0) run.metricRows.addAll(lines.subList(1, finishedEpochs + 1));
        } catch (IOException e) {
            throw new DescentException("cannot read " + metrics + ": " + describe(e));
        }
        return run;
    }

    public Path path() {
        return folder;
    }

    public void writeConfig(ExperimentConfig config) {
        write(CONFIG, () -> AtomicFiles.writeString(folder.resolve(CONFIG), ConfigLoader.toYaml(config)));
    }

    /**
     * Appends an epoch and rewrites metrics.csv whole, so the file on disk is always complete. With a
     * validation set the rows gain {@code validation_cost} and {@code validation_accuracy}.
     */
    public void appendMetrics(EpochResult r, double samplesPerSecond) {
        String row = String.format(Locale.ROOT, "%d,%.8g,%.8g,%.6f,%.8g,%.8g,%.6f,%.1f", r.epoch() + 1, r.trainCost(),
                r.testCost(), r.testAccuracy(), r.gradientNorm(), r.learningRate(), r.seconds(), samplesPerSecond);
        if (r.hasValidation()) {
            row += String.format(Locale.ROOT, ",%.8g,%.6f", r.validationCost(), r.validationAccuracy());
        }
        if (r.isRegression()) {
            row += String.format(Locale.ROOT, ",%.8g,%.8g,%.8g", r.testRmse(), r.testMae(), r.testR2());
        }
        metricRows.add(row);
        StringBuilder csv = new StringBuilder(METRICS_HEADER)
                .append(r.hasValidation() ? VALIDATION_HEADER : "").append(r.isRegression() ? REGRESSION_HEADER : "")
                .append('\n');
        for (String line : metricRows) csv.append(line).append('\n');
        write(METRICS, () -> AtomicFiles.writeString(folder.resolve(METRICS), csv.toString()));
    }

    /** Replaces the run's checkpoint, atomically: a crash leaves the previous one or the new one. */
    public void writeCheckpoint(TrainingState state, Map<String, String> metadata) {
        write(Checkpoint.FILE, () -> Checkpoint.write(folder.resolve(Checkpoint.FILE), state, metadata));
    }

    public void writeModel(Network network, Map<String, String> metadata) {
        write(MODEL, () -> ModelFile.write(folder.resolve(MODEL), network, metadata));
    }

    public void writeSummary(Map<String, Object> summary) {
        write(SUMMARY, () -> {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(folder.resolve(SUMMARY),
                    json.writeValueAsString(new LinkedHashMap<>(summary)) + "\n");
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void write(String name, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new DescentException("cannot write " + folder.resolve(name) + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind.replace("Exception", "") + " " + e.getMessage();
    }
}
