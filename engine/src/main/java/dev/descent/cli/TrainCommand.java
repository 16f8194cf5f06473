package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataLocator;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.run.Checkpoint;
import dev.descent.run.RunFolder;
import dev.descent.run.TrainingRun;
import dev.descent.serve.ServeServer;
import dev.descent.spi.EpochResult;
import dev.descent.training.Experiment;
import dev.descent.training.RunControl;
import dev.descent.training.TrainingState;
import dev.descent.training.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

/** {@code descent train CONFIG}: trains the experiment a YAML file describes and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the network an experiment YAML describes; write config, metrics, model and summary.")
final class TrainCommand implements Callable<Integer>, RunFolderCommand {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML, e.g. configs/mnist-seed.yaml")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data root holding <dataset>/ folders (default: $DESCENT_DATA, else data/)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<config>-<timestamp>/)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue the stopped run in RUN_DIR from its checkpoint (CONFIG must be the run's; "
                    + "training.epochs may be raised)")
    Path resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set training.epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--serve", arity = "0..1", fallbackValue = "8080", paramLabel = "PORT",
            description = "while training, serve the live page of descent serve on 127.0.0.1:PORT (default 8080)")
    Integer serve;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Option(names = {"-q", "--quiet"}, description = "print only errors and the final line")
    boolean quiet;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    private Path runFolder;

    @Override
    public Path runFolder() {
        return runFolder;
    }

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentConfig cfg = ConfigLoader.load(config, overrides, Main.notes(err));
        TrainingState resumeFrom = null;
        if (resume != null) {
            if (out != null && !out.equals(resume)) throw new DescentException("--out and --resume name different folders; give one");
            resumeFrom = checkpointToResume(cfg);
        }
        TrainingRun training = new TrainingRun(cfg, plugins.registry(cfg.pluginsDir()));
        Experiment experiment = training.experiment();
        TrainingResult result;
        RunFolder run;
        ServeServer live = null;
        try {
            TrainTest sets = DataLocator.load(DatasetName.of(cfg.data().dataset(), "data.dataset"), data,
                    new Downloader(), quiet ? null : System.err);
            if (resumeFrom != null) {
                run = RunFolder.resume(resume, resumeFrom.epochsDone());
            } else {
                run = RunFolder.create(out != null ? out : defaultRunFolder());
            }
            runFolder = run.path();   // where an internal error's log goes
            if (serve != null) {
                live = ServeCommand.start(run.path(), ServeCommand.DEFAULT_HOST, serve, plugins, data, null, err);
                log.printf("descent: live page at %s until training ends%n", live.address());
            }

            if (!quiet) {
                log.printf(Locale.ROOT, "descent: %s %s, %,d parameters, cost %s, %s kernels; %,d training and %,d test images%n",
                        layers(cfg), cfg.network().activation().configName(), experiment.network().parameterCount(),
                        cfg.cost().name(), experiment.kernels().name(), sets.train().count(), sets.test().count());
                log.printf("descent: %s %s%n", resumeFrom != null ? "resuming in" : "writing to", run.path());
                if (resumeFrom != null) {
                    log.printf("descent: continuing epoch %d at mini-batch %d%n", resumeFrom.epoch() + 1, resumeFrom.stepInEpoch() + 1);
                }
                log.flush();
            }
            int epochs = cfg.training().epochs();
            ProgressBar bar = !quiet && ProgressBar.terminal() ? new ProgressBar(err, epochs, System::nanoTime) : null;
            try (Interrupts interrupts = Interrupts.install(err)) {
                result = training.train(sets, run, resumeFrom, (EpochResult r, double samplesPerSecond) -> {
                    if (bar != null) bar.clear();
                    if (!quiet) {
                        String validation = r.hasValidation() ? String.format(Locale.ROOT, "  validation accuracy %.4f",
                                r.validationAccuracy()) : "";
                        log.printf(Locale.ROOT, "epoch %3d/%d  cost %.5f  test accuracy %.4f%s  gradient norm %.3e  eta %.4g  %.3f s  %,.0f samples/s%n",
                                r.epoch() + 1, epochs, r.trainCost(), r.testAccuracy(), validation, r.gradientNorm(),
                                r.learningRate(), r.seconds(), samplesPerSecond);
                        log.flush();
                    }
                }, () -> interrupts != null && interrupts.requested(), bar != null ? bar : RunControl.Progress.NONE);
            } finally {
                if (bar != null) bar.clear();
            }
        } finally {
            if (live != null) live.close();
            training.close();
        }

        if (result.stopReason() == TrainingResult.StopReason.INTERRUPTED) {
            log.printf("descent: interrupted after %d finished epochs; checkpoint saved in %s%n", result.epochs().size(),
                    run.path().resolve(Checkpoint.FILE));
            log.printf("descent: to continue: descent train %s --resume %s%n", config, run.path());
            log.flush();
            return Interrupts.EXIT_INTERRUPTED;
        }
        EpochResult last = result.last();
        EpochResult kept = result.kept();
        switch (result.stopReason()) {
            case GRADIENT_NORM -> log.printf(Locale.ROOT, "descent: stopped after epoch %d: gradient norm %.3e fell below %.3e%n",
                    last.epoch() + 1, last.gradientNorm(), cfg.training().stopGradientNorm());
            case EARLY_STOP -> log.printf(Locale.ROOT, "descent: stopped early after epoch %d: %s last improved in epoch %d%n",
                    last.epoch() + 1, cfg.training().earlyStop().metric(), kept.epoch() + 1);
            case EPOCHS_DONE, INTERRUPTED -> { }
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

    /**
     * The checkpoint of the run in {@code --resume}, after checking that CONFIG (with its overrides)
     * describes that run: anything but {@code training.epochs} differing would make a different run.
     */
    private TrainingState checkpointToResume(ExperimentConfig cfg) {
        if (!Files.isDirectory(resume)) throw new DescentException("--resume " + resume + " is not a run folder");
        Path saved = resume.resolve(RunFolder.CONFIG);
        Path checkpoint = resume.resolve(Checkpoint.FILE);
        if (!Files.isRegularFile(saved) || !Files.isRegularFile(checkpoint)) {
            throw new DescentException("--resume " + resume + " holds no " + RunFolder.CONFIG + " and "
                    + Checkpoint.FILE + "; only a run that saved a checkpoint can be resumed");
        }
        ExperimentConfig original = ConfigLoader.load(saved, List.of());
        if (!original.withTraining(original.training().withEpochs(cfg.training().epochs())).equals(cfg)) {
            throw new DescentException(config + " (with its --set overrides) differs from the run's " + saved
                    + " in more than training.epochs; resume with the run's own config: descent train " + saved
                    + " --resume " + resume);
        }
        TrainingState state = Checkpoint.read(checkpoint, cfg);
        if (state.epoch() >= cfg.training().epochs()) {
            throw new DescentException("the run in " + resume + " has already trained " + state.epochsDone()
                    + " epochs; raise training.epochs (e.g. --set training.epochs=" + (state.epochsDone() + 10)
                    + ") to continue it");
        }
        return state;
    }

    private Path defaultRunFolder() {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", name + "-" + stamp);
    }

    private static String layers(ExperimentConfig cfg) {
        return cfg.network().layers().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
