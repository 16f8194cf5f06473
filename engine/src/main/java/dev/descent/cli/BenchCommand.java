package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Dataset;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.spi.PluginRegistry;
import dev.descent.training.Experiment;
import dev.descent.training.Trainer;
import dev.descent.training.WarmUp;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent bench CONFIG}: times the training step of a config's network, batch size, plugins
 * and kernels (scalar and SIMD side by side) on synthetic images, and prints what an epoch of the
 * data set would cost. For careful comparisons use the JMH benchmarks; this is the quick look users
 * take while tuning a config.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the training step of a config's network with scalar and SIMD kernels; print a table.")
final class BenchCommand implements Callable<Integer> {
    /** Samples per epoch the table converts to: the size of the MNIST and Fashion-MNIST training sets. */
    static final int EPOCH_SAMPLES = 60_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML, e.g. configs/mnist-seed.yaml")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--quick", description = "fewer and shorter rounds: a rough figure in a few seconds")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N",
            description = "also time SIMD kernels on N threads (default: the config's training.threads)")
    Integer threads;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentConfig cfg = ConfigLoader.load(config, overrides, Main.notes(spec.commandLine().getErr()));
        PluginRegistry registry = plugins.registry(cfg.pluginsDir());
        int rounds = quick ? 3 : 7;
        double roundSeconds = quick ? 0.3 : 1.0;
        int batch = cfg.training().batchSize();
        if (batch > EPOCH_SAMPLES) {
            // The table converts to a 60,000-sample epoch; a larger batch cannot be one step of it, and its
            // synthetic images (32 batches) would not fit in an array.
            String setBy = overrides.stream().filter(o -> o.strip().startsWith("training.batch-size="))
                    .reduce((first, last) -> last).map(o -> " (from --set " + o.strip() + ")").orElse("");
            throw new DescentException("training.batch-size %d%s in %s is larger than the %,d-sample epoch that bench"
                    .formatted(batch, setBy, config, EPOCH_SAMPLES) + " times; give at most " + EPOCH_SAMPLES);
        }
        long flopsPerStep = flopsPerStep(cfg.network().layers(), batch);
        Kernels widest = KernelProvider.get();
        double peak = fmaPeak(widest, roundSeconds);

        int threadCount = threads != null ? threads : cfg.training().threads();
        if (threadCount < 1) throw new DescentException("--threads must be at least 1, got " + threadCount);
        List<String[]> variants = new ArrayList<>(List.of(new String[] {"scalar", "1"}, new String[] {"simd", "1"}));
        if (threadCount > 1) variants.add(new String[] {"simd", Integer.toString(threadCount)});

        out.printf(Locale.ROOT, "descent bench: %s, batch %d, %d parameters; %d rounds of %.1f s, median shown%n",
                cfg.network().layers(), batch, cfg.network().parameterCount(), rounds, roundSeconds);
        out.printf(Locale.ROOT, "%-8s %7s %12s %14s %12s %10s %12s%n",
                "kernels", "threads", "us/step", "ms/60k epoch", "samples/s", "GFLOP/s", "% of peak");
        for (String[] v : variants) {
            int n = Integer.parseInt(v[1]);
            ExperimentConfig variant = ConfigLoader.withKernels(cfg, v[0], n);
            Experiment experiment = new Experiment(variant, registry);
            try {
                Trainer.Session session = experiment.trainer().session(experiment.network(),
                        Dataset.synthetic(32 * batch, 1));
                WarmUp.configured().run(() -> session.step(1e-3));   // the rule descent train warms up by
                double stepSeconds = median(rounds, session, roundSeconds);
                double gflops = flopsPerStep / stepSeconds / 1e9;
                out.printf(Locale.ROOT, "%-8s %7d %12.2f %14.1f %,12.0f %10.2f %11.1f%%%n", v[0], n, stepSeconds * 1e6,
                        stepSeconds * EPOCH_SAMPLES / batch * 1e3, batch / stepSeconds, gflops,
                        100 * gflops / peak / n);
            } finally {
                experiment.close();
            }
        }
        out.printf(Locale.ROOT, "peak: %.1f GFLOP/s per thread, 12 independent FMA chains of %d floats"
                + " (%s kernels, %d bits) measured in this process; %% of peak is a share of it per thread."
                + " Evaluation and data loading from disk are not included%n",
                peak, widest.lanes(), widest.name(), widest.lanes() * Float.SIZE);
        out.flush();
        return Main.EXIT_OK;
    }

    /** Multiply-adds of forward, weight gradients, back-propagated errors and update, times two. */
    static long flopsPerStep(List<Integer> layers, int batch) {
        long flops = 0;
        for (int l = 1; l < layers.size(); l++) {
            long weights = (long) layers.get(l - 1) * layers.get(l);
            flops += 2 * weights * batch * 2;               // forward and weight gradients
            if (l > 1) flops += 2 * weights * batch;        // errors sent back to layer l - 1
            flops += 2 * (weights + layers.get(l));         // the update of weights and biases
        }
        return flops;
    }

    /** The median over {@code rounds} of the seconds per step, each round about {@code roundSeconds} long. */
    private static double median(int rounds, Trainer.Session session, double roundSeconds) {
        double[] results = new double[rounds];
        for (int r = 0; r < rounds; r++) results[r] = timeSteps(session, roundSeconds);
        Arrays.sort(results);
        return results[rounds / 2];
    }

    /** Seconds per step over about {@code seconds} of steps. */
    private static double timeSteps(Trainer.Session session, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long steps = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) session.step(1e-3);
            steps += 16;
            now = System.nanoTime();
        } while (now < deadline);
        return (now - start) / 1e9 / steps;
    }

    /**
     * The FMA peak of one thread at the kernels' width in GFLOP/s: the best of several rounds of
     * {@link Kernels#fmaChains}, after calls that let C2 compile it.
     */
    static double fmaPeak(Kernels kernels, double seconds) {
        int rounds = 1 << 16;
        float sink = 0;
        for (int i = 0; i < 200; i++) sink += kernels.fmaChains(rounds);
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9 / 2);
            long calls = 0;
            long now;
            do {
                for (int i = 0; i < 16; i++) sink += kernels.fmaChains(rounds);
                calls += 16;
                now = System.nanoTime();
            } while (now < deadline);
            best = Math.max(best, 24.0 * kernels.lanes() * rounds * calls / ((now - start) / 1e9) / 1e9);
        }
        if (sink == 42f) System.err.print("");   // uses the chains' results, so the JIT keeps them
        return best;
    }
}
