package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Dataset;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.gradcheck.GradientCheck;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.run.TrainingData;
import dev.descent.training.Batches;
import dev.descent.training.Experiment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent gradcheck CONFIG}: back-propagation against finite differences for the config's
 * initial network, cost and activation on a few training samples; exit 1 when they disagree.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check back-propagation against finite differences (float64) for the config's network, cost "
                + "and activation; exit 1 above the tolerance.")
final class GradCheckCommand implements Callable<Integer> {
    /** Exit code when a gradient disagrees with its finite differences. */
    static final int EXIT_MISMATCH = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML, e.g. configs/mnist-seed.yaml")
    Path config;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
            description = "training samples to check, spread evenly over the training set (default: ${DEFAULT-VALUE})")
    int samples;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set cost.name=cross-entropy (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (samples < 1) throw new DescentException("--samples " + samples + ": give at least 1 sample");
        ExperimentConfig cfg = ConfigLoader.load(config, overrides, Main.notes(spec.commandLine().getErr()));
        PrintStream progress = quiet.quiet ? null : System.err;
        TrainTest own = cfg.data().builtIn() ? null : TrainingData.load(cfg, data.root, new Downloader(), progress);
        if (own != null) cfg = TrainingData.resolve(cfg, own);
        try (Experiment experiment = new Experiment(cfg, plugins.registry(cfg.pluginsDir()))) {
            Network network = experiment.network();
            Dataset train = (own != null ? own : TrainingData.load(cfg, data.root, new Downloader(), progress))
                    .train();
            train.requireImageSize(network.size(0), "network.layers in " + config);
            if (samples > train.count()) {
                throw new DescentException("--samples " + samples + ": the training set " + train.source()
                        + " has only " + train.count() + " samples");
            }
            int in = network.size(0);
            int outputs = network.size(network.depth() - 1);
            int[] order = new int[samples];
            for (int i = 0; i < samples; i++) order[i] = (int) ((long) i * train.count() / samples);
            Workspace batch = new Workspace(network.sizes(), samples);
            Batches.load(experiment.kernels(), train, order, 0, samples, batch, outputs);
            float[] inputs = Arrays.copyOf(batch.input(), samples * in);
            float[] targets = Arrays.copyOf(batch.targets(), samples * outputs);

            GradientCheck.Result result = GradientCheck.check(network, experiment.cost(), experiment.kernels(), inputs,
                    targets, samples);
            String cost = experiment.pluginProvenance().get("cost");
            if (!quiet.quiet) print(out, cfg, experiment, train, result);
            if (result.passes()) {
                out.printf(Locale.ROOT, "descent: gradcheck passed: largest relative error %.1e <= tolerance %.1e "
                        + "(%s, cost %s)%n", result.largestError(), GradientCheck.TOLERANCE, config, cost);
                out.flush();
                return Main.EXIT_OK;
            }
            out.println("descent: gradcheck FAILED: " + failures(result) + "; cost " + cost
                    + " (is its gradient the derivative of its cost?)");
            out.flush();
            return EXIT_MISMATCH;
        }
    }

    private void print(PrintWriter out, ExperimentConfig cfg, Experiment experiment, Dataset train,
                       GradientCheck.Result result) {
        out.printf(Locale.ROOT, "descent: gradcheck %s %s, cost %s, %s kernels; %d of %,d training samples of %s%n",
                cfg.network().layers().stream().map(String::valueOf).collect(Collectors.joining("-")),
                cfg.network().activation().configName(), cfg.cost().name(), experiment.kernels().name(), samples,
                train.count(), cfg.data().dataset());
        out.printf(Locale.ROOT, "back-propagation (float32) against central differences of a float64 forward pass "
                + "(step %.0e) and of the cost's own value, per parameter and sample%n", GradientCheck.STEP);
        out.printf(Locale.ROOT, "relative error = |bp - fd| / max(|bp|, |fd|, %.0e x the tensor's largest |bp|); "
                + "tolerance %.1e%n", GradientCheck.FLOOR, GradientCheck.TOLERANCE);
        out.println("layer  weights   biases    checked  skipped (ReLU kink)");
        for (GradientCheck.LayerResult layer : result.layers()) {
            out.printf(Locale.ROOT, "%5d  %-8s  %-8s  %,7d  %,d%n", layer.layer(), format(layer.weights()),
                    format(layer.biases()), layer.checked(), layer.skipped());
        }
    }

    private static String format(GradientCheck.TensorError e) {
        return String.format(Locale.ROOT, "%.1e%s", e.error(), e.passes() ? "" : " !");
    }

    private static String failures(GradientCheck.Result result) {
        List<String> parts = new ArrayList<>();
        for (GradientCheck.LayerResult layer : result.layers()) {
            describe(parts, layer.layer(), "weights", "weight", layer.weights());
            describe(parts, layer.layer(), "biases", "bias", layer.biases());
        }
        return String.join("; ", parts);
    }

    private static void describe(List<String> parts, int layer, String tensor, String one,
                                 GradientCheck.TensorError e) {
        if (e.passes()) return;
        parts.add(String.format(Locale.ROOT, "layer %d %s relative error %.2e > tolerance %.1e (%s %d, sample %d: "
                        + "back-propagation %.6g, finite differences %.6g)", layer, tensor, e.error(),
                GradientCheck.TOLERANCE, one, e.index(), e.sample() + 1, e.backprop(), e.reference()));
    }
}
