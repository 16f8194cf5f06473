package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.TrainTest;
import dev.descent.run.Checkpoint;
import dev.descent.run.FinishedRun;
import dev.descent.run.RunFolder;
import dev.descent.run.RunLock;
import dev.descent.run.RunLauncher;
import dev.descent.run.RunRecord;
import dev.descent.run.Resumption;
import dev.descent.serve.ServeServer;
import dev.descent.spi.EpochResult;
import dev.descent.training.Experiment;
import dev.descent.training.TrainingListener;
import dev.descent.training.TrainingState;
import dev.descent.training.TrainingResult;
import dev.descent.training.listener.ChanceLevelWarning;
import dev.descent.training.listener.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "experiment YAML, e.g. configs/mnist-seed.yaml (with --resume: default the run's "
                    + "config.yaml)")
    Path config;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<config>-<timestamp>/)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue the stopped run in RUN_DIR from its checkpoint, with the run's own config "
                    + "(training.epochs may be raised with --set)")
    Path resume;

    @Option(names = "--overwrite", description = "replace the run already in --out (its model, metrics, checkpoint)")
    boolean overwrite;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key, e.g. --set training.epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--serve", arity = "0..1", fallbackValue = "8080", paramLabel = "PORT",
            description = "while training, serve the live page of descent serve on 127.0.0.1:PORT (default 8080)")
    Integer serve;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    private Path runFolder;

    @Override
    public Path runFolder() {
        return runFolder;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (config == null && resume == null) {
            throw new DescentException("give an experiment YAML (descent train configs/mnist-seed.yaml) or "
                    + "--resume RUN_DIR");
        }
        if (resume != null && out != null && !out.equals(resume)) {
            throw new DescentException("--out and --resume name different folders; give one");
        }
        if (resume != null && overwrite) {
            throw new DescentException("--resume continues the run that --overwrite replaces; give one");
        }
        ExperimentConfig cfg;
        if (resume != null) {
            requireResumable();
            cfg = ConfigLoader.load(config != null ? config : resume.resolve(RunFolder.CONFIG), overrides,
                    Main.notes(err));
        } else {
            cfg = ConfigLoader.load(config, overrides, Main.notes(err));
        }
        Path folder = resume != null ? resume : out != null ? out : defaultRunFolder();
        try (RunLock lock = RunLock.acquire(folder, "train", err)) {
            return train(cfg, folder);
        }
    }

    private Integer train(ExperimentConfig cfg, Path folder) {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Resumption resumption = resume != null ? resumption(cfg) : null;
        RunLauncher.Request request = new RunLauncher.Request(cfg, folder, data.root, overwrite, resumption,
                "continue it with --resume " + folder + ", replace it with --overwrite, or give another --out");
        TrainSession session = new TrainSession(cfg, resumption, log, err);
        RunLauncher.Outcome outcome;
        try {
            outcome = RunLauncher.train(request, plugins.registry(cfg.pluginsDir()), err,
                    quiet.quiet ? null : System.err, session);
        } finally {
            if (session.live != null) session.live.close();
        }
        TrainingResult result = outcome.result();
        if (result.stopReason() == TrainingResult.StopReason.INTERRUPTED) {
            log.printf("descent: %s after %d finished epochs; checkpoint saved in %s%n", session.stoppedBy,
                    result.epochs().size(), outcome.run().path().resolve(Checkpoint.FILE));
            log.printf("descent: to continue: %s train --resume %s%n", Invocation.command(), outcome.run().path());
            log.flush();
            return session.stopCode;
        }
        return finished(cfg, result, outcome.run());
    }

    /** The command line's part of a run: the header, the live page, an epoch line each, Ctrl-C, the progress bar. */
    private final class TrainSession implements RunLauncher.Session {
        private final ExperimentConfig cfg;
        private final Resumption resumption;
        private final PrintWriter log;
        private final PrintWriter err;
        private ServeServer live;
        private ProgressBar bar;
        private Interrupts interrupts;
        private String stoppedBy = "interrupted";
        private int stopCode = Interrupts.EXIT_INTERRUPTED;

        TrainSession(ExperimentConfig cfg, Resumption resumption, PrintWriter log, PrintWriter err) {
            this.cfg = cfg;
            this.resumption = resumption;
            this.log = log;
            this.err = err;
        }

        @Override
        public void started(RunFolder run, Experiment experiment, TrainTest sets, Path dataRoot) {
            runFolder = run.path();   // where an internal error's log goes
            if (serve != null) {
                live = ServeCommand.start(run.path(), ServeCommand.DEFAULT_HOST, serve, plugins, dataRoot, null, err);
                log.printf("descent: live page at %s until training ends%n", live.address());
            }
            TrainingState resumeFrom = resumption != null ? resumption.state() : null;
            if (resumption != null && resumption.finished() != null) {
                FinishedRun finished = resumption.finished();
                log.printf("descent: the run in %s had finished at epoch %d (%s) but was stopped before writing its"
                        + " model; writing model, summary and report from its checkpoint%n", run.path(),
                        finished.epochs(), finished.why());
            } else if (!quiet.quiet) {
                log.printf(Locale.ROOT, "descent: %s %s, %,d parameters, cost %s, %s kernels; %s%n",
                        layers(experiment.config()), cfg.network().activation().configName(),
                        experiment.network().parameterCount(),
                        cfg.cost().name(), experiment.kernels().name(), imageCounts(cfg, sets));
                log.printf("descent: %s %s%n", resumeFrom != null ? "resuming in" : "writing to", run.path());
                if (resumeFrom != null) {
                    log.printf("descent: continuing epoch %d at mini-batch %d%n", resumeFrom.epoch() + 1,
                            resumeFrom.stepInEpoch() + 1);
                }
            }
            log.flush();
        }

        @Override
        public void epochEnded(EpochResult r, double samplesPerSecond) {
            if (bar != null) bar.clear();
            if (quiet.quiet) return;
            String validation = !r.hasValidation() ? ""
                    : r.isRegression() ? String.format(Locale.ROOT, "  validation cost %.5f", r.validationCost())
                    : String.format(Locale.ROOT, "  validation accuracy %.4f", r.validationAccuracy());
            log.printf(Locale.ROOT, "epoch %3d/%d  cost %.5f  %s%s  gradient norm %.3e"
                    + "  eta %.4g  %.3f s  %,.0f samples/s%n",
                    r.epoch() + 1, cfg.training().epochs(), r.trainCost(), testFigures(r), validation,
                    r.gradientNorm(), r.learningRate(), r.seconds(), samplesPerSecond);
            log.flush();
        }

        @Override
        public boolean stopRequested() {
            return interrupts != null && interrupts.requested();
        }

        @Override
        public List<TrainingListener> listeners(TrainTest sets) {
            return List.of(bar != null ? new ProgressListener(bar) : TrainingListener.NONE,
                    quiet.quiet ? TrainingListener.NONE
                            : new ChanceLevelWarning(err, cfg.training().optimizer().name(), sets.test().count()));
        }

        @Override
        public TrainingResult around(Supplier<TrainingResult> training) {
            bar = !quiet.quiet && ProgressBar.terminal()
                    ? new ProgressBar(err, cfg.training().epochs(), System::nanoTime) : null;
            try (Interrupts installed = Interrupts.install(err)) {
                interrupts = installed;
                TrainingResult result = training.get();
                if (interrupts != null && interrupts.requested()) {
                    stoppedBy = interrupts.what();
                    stopCode = interrupts.exitCode();
                }
                return result;
            } finally {
                if (bar != null) bar.clear();
            }
        }
    }

    /** "test accuracy 0.9123", or a regression's "test rmse 0.123 mae 0.1 r2 0.98" in the targets' units. */
    private static String testFigures(EpochResult r) {
        return r.isRegression()
                ? String.format(Locale.ROOT, "test rmse %.5g  mae %.5g  r2 %.4f", r.testRmse(), r.testMae(), r.testR2())
                : String.format(Locale.ROOT, "test accuracy %.4f", r.testAccuracy());
    }

    /**
     * What the run trains and measures on: the validation samples are held out of the training set, so
     * they are not counted as training images.
     */
    static String imageCounts(ExperimentConfig cfg, TrainTest sets) {
        int held = cfg.data().validation();
        int training = sets.train().count() - held;
        String what = sets.train().description().image() != null ? "images" : "rows";
        return held == 0
                ? String.format(Locale.ROOT, "%,d training and %,d test %s", training, sets.test().count(), what)
                : String.format(Locale.ROOT, "%,d training, %,d validation (held out of %,d) and %,d test %s",
                        training, held, sets.train().count(), sets.test().count(), what);
    }

    private int finished(ExperimentConfig cfg, TrainingResult result, RunFolder run) {
        PrintWriter log = spec.commandLine().getOut();
        EpochResult last = result.last();
        EpochResult kept = result.kept();
        switch (result.stopReason()) {
            case GRADIENT_NORM -> log.printf(Locale.ROOT,
                    "descent: stopped after epoch %d: gradient norm %.3e fell below %.3e%n",
                    last.epoch() + 1, last.gradientNorm(), cfg.training().stopGradientNorm());
            case EARLY_STOP -> log.printf(Locale.ROOT,
                    "descent: stopped early after epoch %d: %s last improved in epoch %d%n",
                    last.epoch() + 1, cfg.training().earlyStop().metric(), kept.epoch() + 1);
            case EPOCHS_DONE, INTERRUPTED -> { }
        }
        if (kept != last) {
            log.printf("descent: keeping the weights of epoch %d, the best by %s%n", kept.epoch() + 1,
                    cfg.training().earlyStop().metric());
        }
        log.printf(Locale.ROOT, "descent: %s after %d epochs (%.2f s training); results in %s%n",
                testFigures(kept), result.epochs().size(), result.trainSeconds(), run.path());
        log.flush();
        return Main.EXIT_OK;
    }

    private void requireResumable() {
        if (!Files.isDirectory(resume)) throw new DescentException("--resume " + resume + " is not a run folder");
        if (!Files.isRegularFile(resume.resolve(RunFolder.CONFIG))
                || !Files.isRegularFile(resume.resolve(Checkpoint.FILE))) {
            throw new DescentException("--resume " + resume + " holds no " + RunFolder.CONFIG + " and "
                    + Checkpoint.FILE + "; only a run that saved a checkpoint can be resumed");
        }
    }

    /**
     * The checkpoint of the run in {@code --resume}, after checking that the config (with its overrides)
     * describes that run (anything but {@code training.epochs} differing would make a different run),
     * that the checkpoint is this run's, and that the run has not already ended.
     */
    private Resumption resumption(ExperimentConfig cfg) {
        Path saved = resume.resolve(RunFolder.CONFIG);
        Path checkpoint = resume.resolve(Checkpoint.FILE);
        String again = Invocation.command() + " train --resume " + resume;
        ExperimentConfig original = ConfigLoader.load(saved, List.of());
        // The run's config.yaml holds the widths auto stood for; the original config may still say auto.
        ExperimentConfig given = cfg.network().admits(original.network()) ? cfg.withNetwork(original.network()) : cfg;
        if (!original.withTraining(original.training().withEpochs(cfg.training().epochs())).equals(given)) {
            throw new DescentException((config != null ? config : saved) + " (with its --set overrides) differs from"
                    + " the run's " + saved
                    + " in more than training.epochs; resume with the run's own config: " + again);
        }
        TrainingState state = Checkpoint.read(checkpoint, given);
        RunRecord record = RunRecord.read(resume).orElse(null);
        Checkpoint.Origin origin = Checkpoint.origin(checkpoint).orElse(null);
        if (record != null && (origin == null || !origin.runId().equals(record.runId()))) {
            throw new DescentException(checkpoint + " is not this run's: it was saved by "
                    + (origin == null ? "a run without an id" : "run " + origin.runId()) + " but "
                    + resume.resolve(RunRecord.FILE)
                    + " says run " + record.runId() + "; it was copied from another run");
        }
        if (record == null && origin != null) {
            throw new DescentException(checkpoint + " was saved by run " + origin.runId() + " but " + resume
                    + " has no " + RunRecord.FILE + "; it was copied from another run");
        }
        refuseFinished(cfg, state, again);
        FinishedRun finished = null;
        if (state.stepInEpoch() == 0) {
            // A run killed after its last checkpoint but before its model: finish it, train nothing.
            finished = FinishedRun.of(cfg.training(), state.results()).orElse(null);
        }
        return new Resumption(resume, state, record, origin, finished);
    }

    /** Refuses a run that wrote its summary, whatever stopped it, unless training.epochs asks for more epochs. */
    private void refuseFinished(ExperimentConfig cfg, TrainingState state, String again) {
        Path summaryFile = resume.resolve(RunFolder.SUMMARY);
        int epochs = state.epochsDone();
        String reason = "epochs_done";
        String why;
        if (Files.isRegularFile(summaryFile)) {
            Map<?, ?> summary;
            try {
                summary = new ObjectMapper().readValue(Files.readString(summaryFile), Map.class);
                epochs = ((Number) summary.get("epochs")).intValue();
                reason = (String) summary.get("stop_reason");
            } catch (IOException | RuntimeException e) {
                throw new DescentException(summaryFile + " is damaged: " + e.getMessage());
            }
            why = switch (reason) {
                case "gradient_norm" -> "gradient norm below " + FinishedRun.plain(cfg.training().stopGradientNorm());
                case "early_stop" -> "early stopping: " + cfg.training().earlyStop().metric()
                        + " last improved in epoch "
                        + summary.get("kept_epoch");
                default -> FinishedRun.epochsDone(epochs);
            };
        } else if (epochs > cfg.training().epochs()) {
            throw new DescentException("the run in " + resume + " has trained " + epochs + " epochs, more than"
                    + " training.epochs " + cfg.training().epochs() + "; to continue it: " + again
                    + " --set training.epochs=" + (epochs + 10));
        } else {
            return;   // not finished, or finished without its model (then written from the checkpoint)
        }
        boolean longer = reason.equals("epochs_done") && cfg.training().epochs() > epochs;
        if (longer && state.epochsDone() == epochs && state.stepInEpoch() == 0) return;   // train longer
        String hint = !reason.equals("epochs_done") ? ""
                : longer ? "; its checkpoint is of epoch " + state.epochsDone() + ", before its end, so it cannot be"
                        + " trained longer (training.checkpoint-every)"
                : "; to train longer: " + again + " --set training.epochs=" + (epochs + 10);
        throw new DescentException("the run in " + resume + " already finished at epoch " + epochs + ": " + why + hint);
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
