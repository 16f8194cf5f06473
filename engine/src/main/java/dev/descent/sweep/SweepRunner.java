package dev.descent.sweep;

import dev.descent.DescentException;
import dev.descent.cli.Invocation;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.config.SweepConfig.Metric;
import dev.descent.io.AtomicFiles;
import dev.descent.kernel.KernelProvider;
import dev.descent.run.RunFolder;
import dev.descent.spi.SweepEngine;
import dev.descent.spi.SweepJob;
import dev.descent.spi.SweepTrial;
import dev.descent.spi.TrialOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs a planned sweep with an engine and keeps its output folder:
 *
 * <pre>
 * OUT/trials/&lt;id&gt;/   one run folder per trial, as descent train writes it, plus trial.json (written last)
 * OUT/trials.csv        a row per trial, rewritten as each trial finishes
 * OUT/best.yaml         the resolved config of the best configuration's best seed, replayable with descent train
 * OUT/summary.txt       the final table
 * </pre>
 *
 * A trial whose folder holds a trial.json is finished and is skipped when the sweep runs again with the
 * same OUT (failed trials too, unless asked to retry them); a folder without one is an unfinished trial
 * and runs again from scratch. The driver, not the engine, writes trial.json, trials.csv, best.yaml and
 * summary.txt, so the folder looks the same whichever engine ran the trials.
 */
public final class SweepRunner {
    public static final String TRIALS = "trials";
    public static final String TRIALS_CSV = "trials.csv";
    public static final String BEST = "best.yaml";
    public static final String SUMMARY = "summary.txt";
    public static final String TRIAL_FILE = TrialRecord.FILE;

    /**
     * @param out the sweep's output folder
     * @param dataRoot the data root on this machine
     * @param pluginsDir the plugin folder every trial loads, or null
     * @param log progress lines and the final table
     * @param quiet print only the final table
     * @param retryFailed run failed trials again instead of skipping them
     * @param stopRequested true once the sweep should stop (Ctrl-C)
     */
    public record Options(Path out, Path dataRoot, Path pluginsDir, PrintWriter log, boolean quiet, boolean retryFailed,
                          BooleanSupplier stopRequested) {
    }

    /**
     * How the sweep ended; {@code best} is the best seed of the configuration ranked first (the trial
     * best.yaml holds), null when no trial succeeded.
     */
    public record Result(int trials, int ok, int failed, int pending, PlannedTrial best) {
        public boolean stopped() {
            return pending > 0;
        }
    }

    private final SweepPlan plan;
    private final Options options;
    private final Metric metric;
    private final Path trialsFolder;
    private final Map<String, PlannedTrial> byId = new HashMap<>();
    /** Finished trials by id; guarded by this. */
    private final Map<String, TrialRecord> records = new HashMap<>();
    private final Set<String> running = new LinkedHashSet<>();
    private int finishedNow;
    private int failedTotal;
    private long startNanos;
    private boolean warnedKernels;

    public SweepRunner(SweepPlan plan, Options options) {
        this.plan = plan;
        this.options = options;
        this.metric = plan.sweep().metric();
        this.trialsFolder = options.out().resolve(TRIALS);
        for (PlannedTrial t : plan.trials()) byId.put(t.id(), t);
    }

    /** The trials to run: those without a finished record in OUT. Fails when OUT holds another sweep's trial. */
    List<PlannedTrial> toRun() {
        List<PlannedTrial> todo = new ArrayList<>();
        for (PlannedTrial t : plan.trials()) {
            Path folder = trialsFolder.resolve(t.id());
            TrialRecord r = TrialRecord.read(folder);
            if (r == null || !r.finished() || !r.id().equals(t.id())) {
                todo.add(t);
                continue;
            }
            if (!sameConfig(folder, t.config())) {
                throw new DescentException(folder + " holds a finished trial " + t.id() + " whose " + RunFolder.CONFIG
                        + " differs from this sweep's (the base or the sweep file changed since); use another --out, or"
                        + " delete that folder to run the trial again");
            }
            if (r.status().equals(TrialRecord.FAILED) && options.retryFailed()) {
                todo.add(t);
                continue;
            }
            records.put(t.id(), r);
            if (r.status().equals(TrialRecord.FAILED)) failedTotal++;
        }
        return todo;
    }

    private static boolean sameConfig(Path folder, ExperimentConfig planned) {
        try {
            Path file = folder.resolve(RunFolder.CONFIG);
            return ConfigLoader.parse(Files.readString(file), file.toString()).equals(planned);
        } catch (IOException | DescentException e) {
            return false;
        }
    }

    public Result run(SweepEngine engine) {
        try {
            Files.createDirectories(trialsFolder);
        } catch (IOException e) {
            throw new DescentException("cannot create the sweep folder " + trialsFolder + ": " + e.getMessage());
        }
        List<PlannedTrial> todo = toRun();
        // Every data set is read (and downloaded if missing) before the first trial, so that a data
        // problem stops the sweep rather than failing each trial.
        for (PlannedTrial trial : todo) TrialRunner.data(options.dataRoot(), trial.config());
        writeTrialsCsv();
        Job job = new Job(todo);
        PrintWriter log = options.log();
        if (!options.quiet()) {
            int total = plan.trials().size();
            log.printf(Locale.ROOT,
                    "sweep: %d trials (%d configurations x %d seeds) of %s, %s on %s; writing to %s%n",
                    total, plan.configurations(), plan.seedsPerConfiguration(), plan.sweep().file(),
                    metric.name() + " (" + metric.goal() + ")", engine.describe(job), options.out());
            if (todo.size() < total) {
                log.printf("sweep: %d trials finished in an earlier run (skipped), %d to run%n",
                        total - todo.size(), todo.size());
            }
            log.flush();
        }
        startNanos = System.nanoTime();
        if (!todo.isEmpty()) engine.run(job);
        writeTrialsCsv();

        int ok;
        int pending;
        synchronized (this) {
            ok = (int) records.values().stream().filter(r -> r.status().equals(TrialRecord.OK)).count();
            pending = plan.trials().size() - records.size();
        }
        PlannedTrial best = best();
        Result result = new Result(plan.trials().size(), ok, failedTotal, pending, best);
        if (result.stopped()) return result;
        finish(result, (System.nanoTime() - startNanos) / 1e9);
        return result;
    }

    /**
     * The sweep's pick, as the table ranks: the configuration ranked first (by the mean of the metric over its
     * seeds), and of its trials the one with the best metric, ties going to the earlier trial; null when no
     * trial succeeded.
     */
    private synchronized PlannedTrial best() {
        List<SweepTable.Row> rows = SweepTable.rows(plan.trials(), records, metric);
        if (rows.isEmpty() || rows.getFirst().ok() == 0) return null;
        String configuration = rows.getFirst().configuration();
        PlannedTrial best = null;
        double bestValue = Double.NaN;
        for (PlannedTrial t : plan.trials()) {
            TrialRecord r = records.get(t.id());
            if (!t.configuration().equals(configuration) || r == null || !r.status().equals(TrialRecord.OK)) continue;
            double v = r.metric(metric.name());
            if (!Double.isFinite(v)) continue;
            if (best == null || (metric.maximize() ? v > bestValue : v < bestValue)) {
                best = t;
                bestValue = v;
            }
        }
        return best;
    }

    private void finish(Result result, double seconds) {
        List<SweepTable.Row> rows;
        synchronized (this) {
            rows = SweepTable.rows(plan.trials(), records, metric);
        }
        int seeds = plan.seedsPerConfiguration();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "sweep: %d trials, %d ok, %d failed; ranked by %s (%s)%s%n",
                result.trials(), result.ok(), result.failed(), metric.name(), metric.goal(),
                seeds > 1 ? ", mean and spread over " + seeds + " seeds" : ""));
        text.append(SweepTable.render(rows, metric, seeds));
        PlannedTrial best = result.best();
        if (best != null) {
            double value = records.get(best.id()).metric(metric.name());
            SweepTable.Row first = rows.getFirst();
            String meaning;
            if (seeds > 1) {
                text.append(String.format(Locale.ROOT, "best configuration: %s (%s), %s mean %s over %d of %d seeds%n",
                        first.configuration(), first.overrides(), metric.name(),
                        SweepTable.number(first.mean(), metric), first.ok(), first.trials()));
                text.append(String.format(Locale.ROOT, "best trial: %s, its best seed: %s %s (%s)%n", best.id(),
                        metric.name(), SweepTable.number(value, metric), best.overridesText()));
                meaning = String.format(Locale.ROOT, "# \"Best\": the configuration ranked first in %s (by the mean %s"
                        + " over its seeds:%n# %s over %d of %d seeds), and of its trials the one with the best %s"
                        + " (seed %d).%n", SUMMARY, metric.name(), Double.toString(first.mean()), first.ok(),
                        first.trials(), metric.name(), best.seed());
            } else {
                text.append(String.format(Locale.ROOT, "best trial: %s, %s %s (%s)%n", best.id(), metric.name(),
                        SweepTable.number(value, metric), best.overridesText()));
                meaning = String.format(Locale.ROOT, "# \"Best\": the trial ranked first in %s, by its %s.%n", SUMMARY,
                        metric.name());
            }
            String header = String.format(Locale.ROOT,
                    "# The best trial of %s: %s, %s %s (%s).%n%s# Overrides of %s: %s%n", plan.sweep().file(),
                    best.id(), metric.name(), Double.toString(value), metric.goal(), meaning,
                    plan.sweep().base(), best.overridesText().isEmpty() ? "none" : best.overridesText());
            write(options.out().resolve(BEST), header + ConfigLoader.toYaml(best.config()));
        }
        write(options.out().resolve(SUMMARY), text.toString());
        PrintWriter log = options.log();
        log.print(text);
        if (best != null) {
            log.printf("sweep: replay the best trial with: %s train %s%n", Invocation.command(),
                    options.out().resolve(BEST));
        }
        log.printf(Locale.ROOT, "sweep: results in %s (%s, %s, %s, %s/<id>/) after %.1f s%n", options.out(), TRIALS_CSV,
                BEST, SUMMARY, TRIALS, seconds);
        log.flush();
        if (best == null) {
            throw new DescentException("every trial of " + plan.sweep().file() + " failed; the errors are in "
                    + options.out().resolve(TRIALS_CSV));
        }
    }

    private synchronized void writeTrialsCsv() {
        List<TrialRecord> rows = new ArrayList<>();
        for (PlannedTrial t : plan.trials()) rows.add(records.getOrDefault(t.id(), TrialRecord.pending(t)));
        write(options.out().resolve(TRIALS_CSV), TrialsCsv.render(rows, plan.anyValidation(), plan.anyRegression()));
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new DescentException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private synchronized void started(SweepTrial trial) {
        running.add(trial.id());
    }

    private void finished(TrialOutcome outcome) {
        PlannedTrial trial = byId.get(outcome.id());
        if (trial == null) throw new IllegalStateException("the engine reported an unknown trial " + outcome.id());
        synchronized (this) {
            running.remove(trial.id());
            if (outcome.status() == TrialOutcome.Status.INTERRUPTED) return;
            TrialRecord record = TrialRecord.of(trial, outcome).write(trialsFolder.resolve(trial.id()));
            records.put(trial.id(), record);
            finishedNow++;
            if (record.status().equals(TrialRecord.FAILED)) failedTotal++;
            checkKernels(trial, record);
            writeTrialsCsv();
            if (!options.quiet()) options.log().println(progressLine(trial, record));
            options.log().flush();
        }
    }

    /** Warns once when a trial ran on other kernels than this machine's: its bits would differ. */
    private void checkKernels(PlannedTrial trial, TrialRecord record) {
        if (warnedKernels || !(record.summary().get("kernels") instanceof String used)) return;
        String choice = trial.config().training().kernels();
        String expected = choice.equals("auto") ? KernelProvider.get().name() : choice;
        if (!used.equals(expected)) {
            warnedKernels = true;
            options.log().printf("sweep: warning: trial %s ran on %s kernels where this machine uses %s; its results "
                    + "are not the bits a local run gives (give its JVM --add-modules jdk.incubator.vector, or set "
                    + "training.kernels)%n", trial.id(), used, expected);
        }
    }

    private String progressLine(PlannedTrial trial, TrialRecord record) {
        int total = plan.trials().size();
        int done = records.size();
        String result = record.status().equals(TrialRecord.OK)
                ? metric.name() + " " + SweepTable.number(record.metric(metric.name()), metric)
                : shorten(record.error(), 90);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int left = total - done;
        String eta = left == 0 ? "0 s" : duration(elapsed / finishedNow * left);
        int width = Integer.toString(total).length();
        return String.format(Locale.ROOT, "[%" + width + "d/%d] %s  %-6s  %s  %.1f s  (%d running, %d failed; ETA %s)",
                done, total, trial.id(), record.status(), result, record.seconds(), running.size(), failedTotal, eta);
    }

    private static String shorten(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The job handed to the engine: the trials to run, and where outcomes come back. */
    private final class Job implements SweepJob {
        private final List<SweepTrial> trials;

        Job(List<PlannedTrial> todo) {
            this.trials = todo.stream().map(PlannedTrial::shipped).toList();
        }

        @Override
        public List<SweepTrial> trials() {
            return trials;
        }

        @Override
        public Path folder(SweepTrial trial) {
            return trialsFolder.resolve(trial.id());
        }

        @Override
        public Path dataRoot() {
            return options.dataRoot();
        }

        @Override
        public Path pluginsDir() {
            return options.pluginsDir();
        }

        @Override
        public boolean stopRequested() {
            return options.stopRequested().getAsBoolean();
        }

        @Override
        public void started(SweepTrial trial) {
            SweepRunner.this.started(trial);
        }

        @Override
        public void finished(TrialOutcome outcome) {
            SweepRunner.this.finished(outcome);
        }
    }
}
