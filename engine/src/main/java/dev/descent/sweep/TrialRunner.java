package dev.descent.sweep;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.DataConfig;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.run.RunFolder;
import dev.descent.run.TrainingData;
import dev.descent.run.TrainingRun;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.SweepTrial;
import dev.descent.spi.TrialOutcome;
import dev.descent.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs one trial where it is called: the training path of {@code descent train} ({@link TrainingRun})
 * into the trial's run folder, on one thread. Every engine runs trials through here, on any JVM.
 * Data sets and plugin registries are loaded once per JVM and shared by its trials (a
 * {@link dev.descent.data.Dataset} is read-only).
 */
public final class TrialRunner {
    private static final Map<String, TrainTest> DATA = new ConcurrentHashMap<>();
    private static final Map<String, PluginRegistry> REGISTRIES = new ConcurrentHashMap<>();

    private TrialRunner() {
    }

    /**
     * Trains {@code trial} into {@code folder} (files a previous, unfinished attempt left there are
     * removed first). Never throws for a failing trial: a bad value, a diverging run or a crash is a
     * {@code FAILED} outcome with one line saying why.
     */
    public static TrialOutcome run(SweepTrial trial, Path folder, Path dataRoot, Path pluginsDir,
                                   BooleanSupplier stop) {
        long start = System.nanoTime();
        try {
            clear(folder);
            ExperimentConfig config = ConfigLoader.parse(trial.configYaml(), trial.id() + "/" + RunFolder.CONFIG);
            TrainTest sets = data(dataRoot, config);
            config = TrainingData.resolve(config, sets);
            try (TrainingRun training = new TrainingRun(config, registry(pluginsDir))) {
                TrainingResult result = training.train(sets, RunFolder.create(folder), null,
                        (r, samplesPerSecond) -> { }, stop);
                double seconds = seconds(start);
                if (result.stopReason() == TrainingResult.StopReason.INTERRUPTED) {
                    return new TrialOutcome(trial.id(), TrialOutcome.Status.INTERRUPTED, "stopped", seconds, null);
                }
                return new TrialOutcome(trial.id(), TrialOutcome.Status.OK, null, seconds, training.summary());
            }
        } catch (DescentException e) {
            return failed(trial, start, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return failed(trial, start, "internal error: " + e);
        }
    }

    /**
     * The data of {@code config} (a built-in set under {@code root}, or the files it names), loaded (and
     * downloaded if missing) by the first trial of this JVM that needs it.
     */
    public static TrainTest data(Path root, ExperimentConfig config) {
        DataConfig d = config.data();
        // Trials of one sweep differ in their settings, rarely in their data: the key holds what reading depends on.
        String key = root.toAbsolutePath().normalize() + "|" + (d.builtIn() ? d.dataset()
                : String.join("|", d.format(), String.valueOf(d.train()), String.valueOf(d.test()),
                        String.valueOf(d.testSplit()), d.label().toString(), d.features().toString(),
                        d.normalize().id(), String.valueOf(d.normalizeTargets()), d.image().toString(),
                        d.test() == null ? Long.toString(config.seed()) : "", d.task().id()));
        TrainTest sets = DATA.get(key);
        if (sets != null) return sets;
        synchronized (DATA) {
            return DATA.computeIfAbsent(key, k -> TrainingData.load(config, root, new Downloader(), null));
        }
    }

    /** The built-in plugins and those of {@code pluginsDir} (may be null), loaded once per JVM and folder. */
    public static PluginRegistry registry(Path pluginsDir) {
        String key = pluginsDir == null ? "" : pluginsDir.toAbsolutePath().normalize().toString();
        return REGISTRIES.computeIfAbsent(key, k -> PluginRegistry.load(PluginRegistry.class.getClassLoader(),
                pluginsDir == null ? List.of() : PluginRegistry.jarsIn(pluginsDir)));
    }

    private static TrialOutcome failed(SweepTrial trial, long start, String message) {
        String line = message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ');
        return new TrialOutcome(trial.id(), TrialOutcome.Status.FAILED, line, seconds(start), null);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A trial's folder is the sweep's: a rerun starts from an empty one. */
    private static void clear(Path folder) {
        if (!Files.isDirectory(folder)) return;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) Files.delete(f);
            }
        } catch (IOException e) {
            throw new DescentException("cannot clear the trial folder " + folder + ": " + e.getMessage());
        }
    }
}
