package dev.descent.sweep;

import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.SweepEngine;
import dev.descent.spi.SweepEngineProvider;
import dev.descent.spi.SweepJob;
import dev.descent.spi.SweepTrial;
import dev.descent.spi.TrialOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in engine: trials on {@code parallel} threads of this JVM, each trial on one thread, in the
 * plan's order. Threads share the data sets; nothing else is shared between trials, so a trial's bits
 * do not depend on which thread ran it or what ran beside it.
 */
public final class LocalSweepEngine implements SweepEngine {
    private final int parallel;

    LocalSweepEngine(int parallel) {
        this.parallel = parallel > 0 ? parallel : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String describe(SweepJob job) {
        int threads = Math.max(1, Math.min(parallel, job.trials().size()));
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public void run(SweepJob job) {
        if (job.trials().isEmpty()) return;
        int threads = Math.min(parallel, job.trials().size());
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "descent-trial-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepTrial trial : job.trials()) {
                futures.add(pool.submit(() -> {
                    if (job.stopRequested()) return;
                    job.started(trial);
                    TrialOutcome outcome = TrialRunner.run(trial, job.folder(trial), job.dataRoot(), job.pluginsDir(),
                            job::stopRequested);
                    job.finished(outcome);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // Only the job's own bookkeeping can throw here (a trial's failure is an outcome).
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    public static final class Provider implements SweepEngineProvider {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public String description() {
            return "trials on threads of this JVM, one thread each";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.integer("parallel", 0, 0, 4096,
                    "trials at once; 0 means one per CPU core"));
        }

        @Override
        public LocalSweepEngine create(Parameters parameters) {
            return new LocalSweepEngine((int) parameters.integer("parallel"));
        }
    }
}
