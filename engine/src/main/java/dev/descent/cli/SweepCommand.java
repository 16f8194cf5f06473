package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.SweepConfig;
import dev.descent.config.SweepLoader;
import dev.descent.data.DataLocator;
import dev.descent.spi.ConfigSource;
import dev.descent.run.RunLock;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.spi.SweepEngine;
import dev.descent.sweep.SweepPlan;
import dev.descent.sweep.SweepRunner;
import dev.descent.sweep.TrialRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent sweep SWEEP.yaml}: trains every trial a sweep file describes, with the engine it
 * names, into one folder; reruns skip the trials already finished there.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every trial of a sweep file (a base experiment, a grid, random draws, seeds); "
                + "write a run folder per trial, trials.csv, best.yaml and a table ranked by the metric.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "sweep YAML, e.g. configs/sweeps/seed-grid.yaml")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "sweep folder (default: runs/sweep-<name>/); rerunning with the same folder skips finished "
                    + "trials")
    Path out;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "sweep engine: local (default) or spark; replaces engine in the file")
    String engine;

    @Option(names = "--parallel", paramLabel = "N", description = "trials at once (the engine's parallel parameter)")
    Integer parallel;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--retry-failed", description = "run the trials that failed in an earlier run again")
    boolean retryFailed;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepConfig sweep = SweepLoader.load(sweepFile);
        Path pluginsDir = plugins.folder(ConfigLoader.load(sweep.base(), List.of()).pluginsDir());
        PluginRegistry registry = TrialRunner.registry(pluginsDir);
        SweepPlan plan = SweepPlan.of(sweep, registry);
        plan.notes().forEach(Main.notes(err));
        SweepEngine sweepEngine = engine(sweep, registry);
        Path folder = out != null ? out : defaultFolder();
        Path dataRoot = DataLocator.root(data.root).toAbsolutePath();

        SweepRunner.Result result;
        int stopCode = Interrupts.EXIT_INTERRUPTED;
        try (RunLock lock = RunLock.acquire(folder, "sweep", err);
                Interrupts interrupts = Interrupts.install(err)) {
            SweepRunner runner = new SweepRunner(plan, new SweepRunner.Options(folder, dataRoot,
                    pluginsDir == null ? null : pluginsDir.toAbsolutePath(), log, quiet.quiet, retryFailed,
                    () -> interrupts != null && interrupts.requested()));
            result = runner.run(sweepEngine);
            if (interrupts != null) stopCode = interrupts.exitCode();
        }
        if (result.stopped()) {
            log.printf("sweep: stopped with %d of %d trials finished; trials.csv lists the rest as pending%n",
                    result.trials() - result.pending(), result.trials());
            log.printf("sweep: to continue: %s sweep %s --out %s%n", Invocation.command(), sweepFile, folder);
            log.flush();
            return stopCode;
        }
        return Main.EXIT_OK;
    }

    /** The file's engine, with --engine (which drops the file's engine parameters) and --parallel applied. */
    private SweepEngine engine(SweepConfig sweep, PluginRegistry registry) {
        PluginSpec spec = sweep.engine();
        Map<String, Object> parameters = new LinkedHashMap<>(spec.parameters());
        String name = spec.name();
        ConfigSource source = spec.source();
        if (engine != null && !engine.equals(name)) {
            name = engine;
            parameters.clear();
            source = source.withOverride(spec.keyPath(), "--engine " + engine);
        }
        if (parallel != null) {
            if (parallel < 0) {
                throw new DescentException("--parallel " + parallel + ": expected 0 (one per CPU core) or more");
            }
            parameters.put("parallel", (long) parallel);
            source = source.withOverride(spec.keyPath() + ".parallel", "--parallel " + parallel);
        }
        String wanted = name;
        boolean known = registry.providers(PluginKind.SWEEP_ENGINE).stream().map(PluginProvider::name)
                .anyMatch(wanted::equals);
        if (!known && name.equals("spark")) {
            throw new DescentException("the spark sweep engine is not on the class path; ./descent puts it there "
                    + "(and builds it on first use) for descent sweep ... --engine spark, see the README's "
                    + "\"Sweeps on Spark\"");
        }
        return registry.sweepEngine(new PluginSpec(name, parameters, spec.keyPath(), source));
    }

    private Path defaultFolder() {
        String name = sweepFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("runs", "sweep-" + name);
    }
}
