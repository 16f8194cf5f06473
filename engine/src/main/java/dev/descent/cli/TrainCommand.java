package dev.descent.cli;

import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataLocator;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.report.RunReport;
import dev.descent.run.RunFolder;
import dev.descent.spi.EpochResult;
import dev.descent.training.Experiment;
import dev.descent.training.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code descent train CONFIG}: trains the experiment a YAML file describes and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the network an experiment YAML describes; write config, metrics, model and summary.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML, e.g. configs/mnist-seed.yaml")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data root holding <dataset>/ folders (default: $DESCENT_DATA, else data/)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<config>-<timestamp>/)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set training.epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Option(names = {"-q", "--quiet"}, description = "print only errors and the final line")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces of internal errors")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getOut();
        ExperimentConfig cfg = ConfigLoader.load(config, overrides);
        Experiment experiment = new Experiment(cfg, plugins.registry(cfg.pluginsDir()));

        TrainTest sets = DataLocator.load(DatasetName.of(cfg.data().dataset(), "data.dataset"), data,
                new Downloader(), quiet ? null : System.err);
        RunFolder run = RunFolder.create(out != null ? out : defaultRunFolder());
        run.writeConfig(cfg);

        if (!quiet) {
            log.printf(Locale.ROOT, "descent: %s %s, %,d parameters, cost %s, %s kernels; %,d training and %,d test images%n",
                    layers(cfg), cfg.network().activation().configName(), experiment.network().parameterCount(),
                    cfg.cost().name(), experiment.kernels().name(), sets.train().count(), sets.test().count());
            log.printf("descent: writing to %s%n", run.path());
            log.flush();
        }
        int epochs = cfg.training().epochs();
        TrainingResult result = experiment.train(sets.train(), sets.test(), (EpochResult r, double samplesPerSecond) -> {
            run.appendMetrics(r, samplesPerSecond);
            if (!quiet) {
                String validation = r.hasValidation() ? String.format(Locale.ROOT, "  validation accuracy %.4f",
                        r.validationAccuracy()) : "";
                log.printf(Locale.ROOT, "epoch %3d/%d  cost %.5f  test accuracy %.4f%s  gradient norm %.3e  eta %.4g  %.3f s  %,.0f samples/s%n",
                        r.epoch() + 1, epochs, r.trainCost(), r.testAccuracy(), validation, r.gradientNorm(),
                        r.learningRate(), r.seconds(), samplesPerSecond);
                log.flush();
            }
        });

        run.writeModel(experiment.network(), modelMetadata(cfg, experiment));
        run.writeSummary(summary(cfg, experiment, result));
        RunReport.write(run.path(), cfg, experiment.network(), experiment.cost(), sets.test());
        EpochResult last = result.last();
        EpochResult kept = result.kept();
        switch (result.stopReason()) {
            case GRADIENT_NORM -> log.printf(Locale.ROOT, "descent: stopped after epoch %d: gradient norm %.3e fell below %.3e%n",
                    last.epoch() + 1, last.gradientNorm(), cfg.training().stopGradientNorm());
            case EARLY_STOP -> log.printf(Locale.ROOT, "descent: stopped early after epoch %d: %s last improved in epoch %d%n",
                    last.epoch() + 1, cfg.training().earlyStop().metric(), kept.epoch() + 1);
            case EPOCHS_DONE -> { }
        }
        if (kept != last) {
            log.printf("descent: keeping the weights of epoch %d, the best by %s%n", kept.epoch() + 1,
                    cfg.training().earlyStop().metric());
        }
        log.printf(Locale.ROOT, "descent: test accuracy %.4f after %d epochs (%.2f s training); results in %s%n",
                kept.testAccuracy(), result.epochs().size(), result.trainSeconds(), run.path());
        log.flush();
        return Main.EXIT_OK;
    }

    private Path defaultRunFolder() {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", name + "-" + stamp);
    }

    private static String layers(ExperimentConfig cfg) {
        return cfg.network().layers().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static Map<String, String> modelMetadata(ExperimentConfig cfg, Experiment experiment) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "descent");
        m.put("descent_version", Version.get());
        m.putAll(experiment.pluginProvenance());
        m.put("dataset", cfg.data().dataset());
        m.put("seed", Long.toString(cfg.seed()));
        return m;
    }

    private static Map<String, Object> summary(ExperimentConfig cfg, Experiment experiment, TrainingResult result) {
        EpochResult last = result.kept();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("parameters", experiment.network().parameterCount());
        s.put("layers", cfg.network().layers());
        s.put("epochs", result.epochs().size());
        s.put("kept_epoch", last.epoch() + 1);
        s.put("test_accuracy", last.testAccuracy());
        s.put("test_cost", last.testCost());
        s.put("final_cost", last.trainCost());
        if (last.hasValidation()) {
            s.put("validation_accuracy", last.validationAccuracy());
            s.put("validation_cost", last.validationCost());
        }
        s.put("gradient_norm", last.gradientNorm());
        s.put("train_seconds", result.trainSeconds());
        s.put("samples_per_second", result.samplesPerSecond());
        s.put("seed", cfg.seed());
        s.put("kernels", experiment.kernels().name());
        s.put("warmup_seconds", experiment.warmUpSeconds());
        s.put("stop_reason", result.stopReason().name().toLowerCase(Locale.ROOT));
        s.put("descent_version", Version.get());
        return s;
    }
}
