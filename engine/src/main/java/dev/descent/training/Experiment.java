package dev.descent.training;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.config.PluginCompatibility;
import dev.descent.config.TrainingConfig;
import dev.descent.data.Dataset;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.training.listener.DivergenceCheck;
import dev.descent.training.listener.EarlyStopping;
import dev.descent.training.listener.GradientNormStop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * An experiment assembled from its config: the kernels, the plugins (resolved and validated
 * before any data is touched), and a network initialised from the seed.
 *
 * <p>Randomness: one {@link SplittableRandom} seeded with {@code seed} is split into streams for
 * initialisation, shuffling and choosing the validation samples, so changing the number of epochs
 * does not change the initial weights and the same seed gives the same run, bit for bit.
 */
public final class Experiment implements AutoCloseable {
    private final ExperimentConfig config;
    private final Kernels kernels;
    private final Cost cost;
    private final LearningRateSchedule schedule;
    private final PluginRegistry registry;
    private final Network network;
    private final SplittableRandom shuffleRandom;
    private final SplittableRandom validationRandom;
    private final SplittableRandom dropoutRandom;
    private double warmUpSeconds;

    public Experiment(ExperimentConfig config, PluginRegistry registry) {
        this.config = config;
        config.network().requireTrainingMemory("");
        String choice = config.training().kernels();
        Kernels serial = choice.equals("auto") ? KernelProvider.get() : KernelProvider.forName(choice);
        int[] sizes = config.network().layers().stream().mapToInt(Integer::intValue).toArray();
        this.kernels = ParallelKernels.forNetwork(serial, config.training().threads(), sizes,
                config.training().batchSize());
        this.cost = registry.cost(config.cost());
        PluginCompatibility.check(config, registry);   // a jar's cost, unknown when the config was loaded
        this.schedule = registry.schedule(config.training().learningRate());
        this.registry = registry;
        registry.optimizer(config.training().optimizer());   // fail on a bad optimizer before any data is read
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom initRandom = root.split();
        this.shuffleRandom = root.split();
        this.validationRandom = root.split();
        this.dropoutRandom = root.split();
        this.network = Network.initialize(sizes, config.network().activation(), config.network().outputActivation(),
                registry.initializer(config.init().weights()), registry.initializer(config.init().biases()),
                initRandom);
    }

    public ExperimentConfig config() {
        return config;
    }

    public Kernels kernels() {
        return kernels;
    }

    public Network network() {
        return network;
    }

    /** The cost plugin; the report runs the network forward with its output activation. */
    public Cost cost() {
        return cost;
    }

    /**
     * The plugins this experiment uses, for the model file: kind and config key to
     * "name (provenance)", e.g. {@code learning_rate -> triangular (example.jar 1.0.0)}.
     */
    public Map<String, String> pluginProvenance() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "cost", PluginKind.COST, config.cost());
        put(m, "init_weights", PluginKind.INITIALIZER, config.init().weights());
        put(m, "init_biases", PluginKind.INITIALIZER, config.init().biases());
        put(m, "learning_rate", PluginKind.SCHEDULE, config.training().learningRate());
        put(m, "optimizer", PluginKind.OPTIMIZER, config.training().optimizer());
        return m;
    }

    private void put(Map<String, String> m, String key, PluginKind kind, PluginSpec spec) {
        m.put(key, spec.name() + " (" + registry.provenance(kind, spec) + ")");
    }

    /**
     * Every plugin's parameters as this experiment builds it ({@link PluginRegistry#complete}: checked,
     * converted, defaults filled in), for the model file:
     * the keys of {@link #pluginProvenance} with {@code _parameters} appended, each a JSON object
     * ({@code cost_parameters -> {"delta":0.5}}), so that the file alone says how to rebuild its cost.
     */
    public Map<String, String> pluginParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cost_parameters", parameters(PluginKind.COST, config.cost()));
        m.put("init_weights_parameters", parameters(PluginKind.INITIALIZER, config.init().weights()));
        m.put("init_biases_parameters", parameters(PluginKind.INITIALIZER, config.init().biases()));
        m.put("learning_rate_parameters", parameters(PluginKind.SCHEDULE, config.training().learningRate()));
        m.put("optimizer_parameters", parameters(PluginKind.OPTIMIZER, config.training().optimizer()));
        return m;
    }

    private String parameters(PluginKind kind, PluginSpec spec) {
        return ConfigLoader.parametersJson(registry.complete(kind, spec));
    }

    /** A trainer with this experiment's kernels, plugins, settings, random streams and stop rules. */
    public Trainer trainer() {
        return trainer(List.of(), () -> false);
    }

    private Trainer trainer(List<TrainingListener> listeners, BooleanSupplier stopRequested) {
        TrainingConfig training = config.training();
        Map<String, String> plugins = pluginProvenance();
        Trainer.Builder builder = Trainer.builder(kernels, cost)
                .schedule(schedule)
                .optimizers(() -> registry.optimizer(training.optimizer()))
                .epochs(training.epochs())
                .batchSize(training.batchSize())
                .weightDecay(training.weightDecay())
                .shuffleSeed(shuffleRandom.nextLong())
                .dropout(dropoutRates(), dropoutRandom.nextLong())
                .evaluationThreads(training.threads())
                .stopWhen(stopRequested)
                .listener(new DivergenceCheck(plugins.get("cost"), plugins.get("learning_rate")));
        if (training.earlyStop() != null) builder.listener(new EarlyStopping(training.earlyStop()));
        if (training.stopGradientNorm() > 0) builder.listener(new GradientNormStop(training.stopGradientNorm()));
        listeners.forEach(builder::listener);
        return builder.build();
    }

    /** Dropout rate by layer index: the hidden layers' from the config, 0 for input and output. */
    private float[] dropoutRates() {
        float[] rates = new float[network.depth()];
        List<Double> hidden = config.training().dropout();
        for (int h = 0; h < hidden.size(); h++) rates[h + 1] = hidden.get(h).floatValue();
        return rates;
    }

    /** Seconds spent warming up the JIT before the first epoch (not counted as training time). */
    public double warmUpSeconds() {
        return warmUpSeconds;
    }

    /**
     * Trains, continuing from {@code resumeFrom} unless it is null, stopping after the mini-batch at which
     * {@code stopRequested} turns true, and telling {@code listeners} (after the experiment's own stop
     * rules and divergence check) of what happens.
     */
    public TrainingResult train(Dataset train, Dataset test, TrainingState resumeFrom, BooleanSupplier stopRequested,
                                List<TrainingListener> listeners) {
        int inputs = network.size(0);
        train.requireImageSize(inputs, "network.layers");
        test.requireImageSize(inputs, "network.layers");
        Dataset validation = null;
        int held = config.data().validation();
        if (held > 0) {
            if (held >= train.count()) {
                throw new DescentException("data.validation is " + held + " but the training set has only "
                        + train.count() + " samples; hold out fewer");
            }
            Holdout split = Holdout.of(train, held, validationRandom);
            train = split.train();
            validation = split.validation();
        }
        Trainer trainer = trainer(listeners, stopRequested);
        int batch = Math.max(1, Math.min(config.training().batchSize(), train.count()));
        long runSteps = (long) config.training().epochs() * ((train.count() + batch - 1) / batch);
        warmUpSeconds = trainer.warmUp(network, train, WarmUp.configured().atMost(runSteps));
        return resumeFrom != null ? trainer.resume(resumeFrom, network, train, validation, test)
                : trainer.train(network, train, validation, test);
    }

    /** Stops the kernels' worker threads, if any; the kernels still work afterwards, on one thread. */
    @Override
    public void close() {
        if (kernels instanceof ParallelKernels parallel) parallel.close();
    }
}
