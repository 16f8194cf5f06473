package dev.descent.training;

import dev.descent.DescentException;
import dev.descent.config.ExperimentConfig;
import dev.descent.config.PluginCompatibility;
import dev.descent.data.Dataset;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginRegistry;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An experiment assembled from its config: the kernels, the plugins (resolved and validated
 * before any data is touched), and a network initialised from the seed.
 *
 * <p>Randomness: one {@link SplittableRandom} seeded with {@code seed} is split into streams for
 * initialisation, shuffling and choosing the validation samples, so changing the number of epochs
 * does not change the initial weights and the same seed gives the same run, bit for bit.
 */
public final class Experiment implements AutoCloseable {
    /** Enough mini-batches for C2 to compile the kernels for the seed network; capped in time for big ones. */
    static final int WARMUP_STEPS = Integer.getInteger("descent.warmup.steps", 3000);
    static final double WARMUP_MAX_SECONDS = Double.parseDouble(System.getProperty("descent.warmup.seconds", "1.0"));

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
        this.kernels = ParallelKernels.forNetwork(serial, config.training().threads(),
                config.network().layers().stream().mapToInt(Integer::intValue).toArray(), config.training().batchSize());
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
        int[] sizes = config.network().layers().stream().mapToInt(Integer::intValue).toArray();
        this.network = Network.initialize(sizes, config.network().activation(),
                registry.initializer(config.init().weights()), registry.initializer(config.init().biases()), initRandom);
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
    public java.util.Map<String, String> pluginProvenance() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        put(m, "cost", PluginKind.COST, config.cost());
        put(m, "init_weights", PluginKind.INITIALIZER, config.init().weights());
        put(m, "init_biases", PluginKind.INITIALIZER, config.init().biases());
        put(m, "learning_rate", PluginKind.SCHEDULE, config.training().learningRate());
        put(m, "optimizer", PluginKind.OPTIMIZER, config.training().optimizer());
        return m;
    }

    private void put(java.util.Map<String, String> m, String key, PluginKind kind, dev.descent.spi.PluginSpec spec) {
        m.put(key, spec.name() + " (" + registry.provenance(kind, spec) + ")");
    }

    /** A trainer with this experiment's kernels, plugins, settings and random streams. */
    public Trainer trainer() {
        return new Trainer(kernels, cost, schedule, () -> registry.optimizer(config.training().optimizer()),
                config.training().weightDecay(), config.training().epochs(), config.training().batchSize(),
                config.training().stopGradientNorm(), config.training().earlyStop(), shuffleRandom,
                dropoutRates(), dropoutRandom);
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

    public TrainingResult train(Dataset train, Dataset test, EpochListener listener) {
        return train(train, test, listener, RunControl.NONE);
    }

    /** Trains under {@code control}: resuming, checkpoints, a stop request, progress. */
    public TrainingResult train(Dataset train, Dataset test, EpochListener listener, RunControl control) {
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
        Trainer trainer = trainer();
        warmUpSeconds = trainer.warmUp(network, train, WARMUP_STEPS, WARMUP_MAX_SECONDS);
        try {
            return trainer.train(network, train, validation, test, listener, control);
        } catch (DivergenceException e) {
            // A cost plugin that returns NaN looks like divergence: name it, and where it came from.
            throw new DivergenceException(e.getMessage() + " (cost: " + pluginProvenance().get("cost") + ")");
        }
    }

    /** Stops the kernels' worker threads, if any; the kernels still work afterwards, on one thread. */
    @Override
    public void close() {
        if (kernels instanceof ParallelKernels parallel) parallel.close();
    }
}
