package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Dataset;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.model.TrainedModel;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.run.TrainingData;
import dev.descent.slope.ParameterRef;
import dev.descent.slope.SlopeProbe;
import dev.descent.slope.SlopeReport;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.TrainingProgress;
import dev.descent.training.Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * {@code descent slope CONFIG --param layer1.w[3,400]}: the seed lesson's "one parameter, one slope".
 * Takes the network as {@code descent train} would start it (or a trained model), holds every parameter
 * but one fixed, samples the cost and its analytic slope over a range of that parameter's values, and
 * runs gradient descent on it alone. Writes slope.csv, descent.csv, slope.html and slope.png.
 */
@Command(name = "slope", mixinStandardHelpOptions = true,
        description = {"One parameter, one slope: the cost as a function of one weight or bias, its slope, and gradient"
                + " descent on it alone.",
                "layerL.w[j,k] is the weight from input k (for layer 1: pixel k, row-major) to neuron j of layer L;"
                        + " layerL.b[j] is the bias of neuron j. Layers count from 1."})
final class SlopeCommand implements Callable<Integer> {
    /** Rows of the descent path printed before the table is cut to its head and tail. */
    static final int PRINTED_STEPS = 30;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG",
            description = "experiment YAML: network, initializers, seed, cost, data set")
    Path config;

    @Option(names = "--param", required = true, paramLabel = "NAME",
            description = "the parameter: layerL.w[j,k] (neuron j, input k) or layerL.b[j], e.g. layer1.w[3,400]")
    String param;

    @Option(names = "--range", paramLabel = "LOW:HIGH", defaultValue = "-4:4",
            description = "values of the parameter to sample the cost at (default: ${DEFAULT-VALUE})")
    String range;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "intervals over the range: N+1 points (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "start from this trained model (file or run folder) instead of the config's initial network")
    Path model;

    @Option(names = "--rate", paramLabel = "ETA",
            description = "learning rate of the descent (default: the config's rate at its first mini-batch)")
    Double rate;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-4",
            description = "stop the descent when |slope| < T (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000",
            description = "most descent steps (default: ${DEFAULT-VALUE})")
    int maxIterations;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000",
            description = "the cost is the mean over the first N training images (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/slope-<timestamp>/)")
    Path out;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getOut();
        double[] bounds = parseRange(range);
        check(steps >= 1 && steps <= 100_000, "--steps", steps, "1 to 100000");
        check(samples >= 1, "--samples", samples, "at least 1");
        check(maxIterations >= 0, "--max-iterations", maxIterations, "0 or more");
        check(tolerance > 0 && Double.isFinite(tolerance), "--tolerance", tolerance, "a number > 0");
        if (rate != null) check(rate > 0 && Double.isFinite(rate), "--rate", rate, "a number > 0");

        ExperimentConfig cfg = ConfigLoader.load(config, overrides, Main.notes(spec.commandLine().getErr()));
        TrainTest own = cfg.data().builtIn() ? null : TrainingData.load(cfg, data.root, new Downloader(), System.err);
        if (own != null) cfg = TrainingData.resolve(cfg, own);
        PluginRegistry registry = plugins.registry(cfg.pluginsDir());
        Experiment experiment = new Experiment(cfg, registry);
        Network network;
        String networkSource;
        if (model != null) {
            Path file = TrainedModel.file(model);
            network = ModelFile.read(file).network();
            networkSource = "the model " + file;
        } else {
            network = experiment.network();
            networkSource = "the initial network of " + config + " (seed " + cfg.seed() + ")";
        }
        ParameterRef parameter = ParameterRef.parse(param, network.sizes());

        Dataset train = (own != null ? own : TrainingData.load(cfg, data.root, new Downloader(), System.err)).train();
        train.requireImageSize(network.size(0),
                model != null ? "the layers of " + model : "network.layers in " + config);
        if (samples > train.count()) {
            throw new DescentException("--samples " + samples + " is more than the " + train.count()
                    + " training images in " + train.source());
        }
        double eta = rate != null ? rate : firstRate(cfg, registry, train.count());
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new DescentException("the learning rate of " + config + " at its first mini-batch is " + eta
                    + "; pass --rate ETA");
        }

        float start = parameter.get(network);
        SlopeProbe probe =
                new SlopeProbe(network, experiment.kernels(), registry.cost(cfg.cost()), train, samples, parameter);
        List<SlopeProbe.Point> curve = probe.curve(bounds[0], bounds[1], steps);
        SlopeProbe.Path path = probe.descend(start, eta, tolerance, maxIterations);
        parameter.set(network, start);

        String context = String.format(Locale.ROOT, "%s; cost %s, mean over the first %,d training images of %s",
                networkSource, cfg.cost().name(), samples, cfg.data().dataset());
        SlopeReport report = new SlopeReport(parameter, context, eta, tolerance, curve, path);
        Path folder = out != null ? out : Path.of("runs", "slope-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(folder);
            report.write(folder);
        } catch (IOException e) {
            throw new DescentException("cannot write the slope files to " + folder + ": " + e.getMessage());
        }

        log.printf(Locale.ROOT, "descent slope: %s = %s, %.6g in %s%n", parameter, parameter.describe(), start,
                networkSource);
        log.printf(Locale.ROOT, "cost %s, mean over the first %,d training images of %s; every other parameter fixed%n",
                cfg.cost().name(), samples, cfg.data().dataset());
        if (!quiet.quiet) {
            log.printf(Locale.ROOT, "%nthe curve: %d points from %s to %s (%s)%n", curve.size(), fmt(bounds[0]),
                    fmt(bounds[1]), SlopeReport.CURVE);
            log.print(report.curveTable());
            log.printf(Locale.ROOT, "%nthe descent: w <- w - %.4g * slope (%s)%n", eta, SlopeReport.DESCENT);
            log.print(report.descentTable(PRINTED_STEPS));
            log.println();
        }
        log.println("descent slope: " + report.outcome());
        log.printf("descent slope: chart in %s and %s%n", folder.resolve(SlopeReport.HTML),
                folder.resolve(SlopeReport.PNG));
        log.flush();
        return Main.EXIT_OK;
    }

    /** The schedule's rate for the first mini-batch of the run the config describes. */
    private static double firstRate(ExperimentConfig cfg, PluginRegistry registry, int trainingImages) {
        int batch = cfg.training().batchSize();
        int stepsPerEpoch = Math.max(1, (trainingImages - cfg.data().validation() + batch - 1) / batch);
        return registry.schedule(cfg.training().learningRate())
                .rate(new TrainingProgress(0, 0, stepsPerEpoch, cfg.training().epochs()));
    }

    static double[] parseRange(String text) {
        int colon = text.indexOf(':', 1);   // the first character may be a minus sign
        try {
            if (colon < 0) throw new NumberFormatException();
            double lo = Double.parseDouble(text.substring(0, colon).strip());
            double hi = Double.parseDouble(text.substring(colon + 1).strip());
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) throw new NumberFormatException();
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new DescentException("invalid --range '" + text + "': expected LOW:HIGH with LOW < HIGH, e.g. -4:4");
        }
    }

    private static void check(boolean ok, String option, Object value, String valid) {
        if (!ok) throw new DescentException("invalid " + option + " " + value + ": expected " + valid);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
