package dev.descent.api;

import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.run.RunLauncher;
import dev.descent.run.RunLock;
import dev.descent.spi.EpochResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment YAML ({@code configs/mnist-seed.yaml}) with overrides, ready to train as
 * {@code descent train CONFIG --set KEY=VALUE ... --out DIR} does, through the same code: the same
 * validation and messages, the same run folder, the same model bits. Immutable: {@link #set} and
 * {@link #data} return a new experiment.
 *
 * <pre>{@code
 * Run run = Experiment.load(Path.of("configs/mnist-seed.yaml"))
 *         .set("training.epochs", "3")
 *         .train(Path.of("runs/x"), epoch -> System.out.println(epoch.testAccuracy()));
 * }</pre>
 */
public final class Experiment {
    /** How overrides are named in messages: {@code (from Experiment.set training.epochs=0)}. */
    private static final String ORIGIN = "Experiment.set";

    private final Path file;
    private final List<String> overrides;
    private final PluginFolder plugins;
    private final Path data;
    private final ExperimentConfig config;

    private Experiment(Path file, List<String> overrides, PluginFolder plugins, Path data) {
        this.file = file;
        this.overrides = List.copyOf(overrides);
        this.plugins = plugins;
        this.data = data;
        this.config = ConfigLoader.load(file, this.overrides, ORIGIN);
    }

    /**
     * Reads and validates an experiment YAML, with the built-in plugins (and those of the config's
     * {@code plugins.dir}).
     *
     * @throws dev.descent.DescentException naming the file, line and key of what is wrong
     */
    public static Experiment load(Path config) {
        return load(config, PluginFolder.builtInsOnly());
    }

    /** Reads an experiment YAML as {@link #load(Path)} does; its plugins come from {@code plugins} as well. */
    public static Experiment load(Path config, PluginFolder plugins) {
        if (config == null || plugins == null) {
            throw new IllegalArgumentException("config and plugins must not be null");
        }
        return new Experiment(config, List.of(), plugins, null);
    }

    /**
     * This experiment with one key overridden, as {@code --set key=value} does: {@code value} in YAML syntax
     * ({@code "3"}, {@code "0.5"}, {@code "{name: huber, delta: 0.5}"}). Validated at once.
     *
     * @throws dev.descent.DescentException for an unknown key or a value out of range, naming the override
     */
    public Experiment set(String key, String value) {
        if (key == null || value == null) throw new IllegalArgumentException("key and value must not be null");
        List<String> more = new ArrayList<>(overrides);
        more.add(key + "=" + value);
        return new Experiment(file, more, plugins, data);
    }

    /**
     * This experiment reading its data set under {@code root} (the folder holding {@code mnist/}), as
     * {@code --data} does; by default {@code $DESCENT_DATA}, else {@code data/}.
     */
    public Experiment data(Path root) {
        return new Experiment(file, overrides, plugins, root);
    }

    /** Trains into the run folder {@code dir}, as {@link #train(Path, EpochListener)} does, hearing nothing. */
    public Run train(Path dir) {
        return train(dir, result -> { });
    }

    /**
     * Trains into the run folder {@code dir} (created if needed; one that holds another run is refused),
     * telling {@code listener} of each epoch, and returns the finished run. Download progress, if the data
     * set has to be fetched, is not shown; descent's one-line notes (scalar kernels, a locked folder) go to
     * stderr.
     *
     * @throws dev.descent.DescentException for bad input: a missing data set, a plugin that fails, a folder
     *         in use or holding another run
     */
    public Run train(Path dir, EpochListener listener) {
        if (dir == null || listener == null) throw new IllegalArgumentException("dir and listener must not be null");
        PrintWriter err = new PrintWriter(System.err, true);
        RunLauncher.Request request = new RunLauncher.Request(config, dir, data, false, null,
                "train into another folder, or delete it first");
        RunLauncher.Session session = (EpochResult result, double samplesPerSecond) -> listener.epochEnded(result);
        try (RunLock lock = RunLock.acquire(dir, "train", err)) {
            RunLauncher.Outcome outcome =
                    RunLauncher.train(request, plugins.source().registry(config.pluginsDir()), err, null, session);
            return new Run(outcome.run().path(), outcome.result(), plugins);
        }
    }

    @Override
    public String toString() {
        return "Experiment(" + file + (overrides.isEmpty() ? "" : ", " + String.join(", ", overrides)) + ")";
    }
}
