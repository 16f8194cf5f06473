package dev.descent.spi;

/**
 * Runs the trials of a sweep: on threads of this JVM ({@code local}), as tasks of a Spark job
 * ({@code spark}), or elsewhere. The sweep has already validated every trial, skipped the finished
 * ones and recorded nothing yet; an engine decides only where each trial runs and how many run at once.
 * Each trial runs single-threaded through {@link dev.descent.sweep.TrialRunner}, so its results are
 * the same bits whichever thread, JVM or machine ran it.
 */
public interface SweepEngine {
    /** A few words for the sweep's first line, e.g. {@code local, 2 threads}. */
    String describe(SweepJob job);

    /**
     * Runs {@link SweepJob#trials()}, telling the job as each starts and finishes (from any thread),
     * and returns when every trial has finished, or, once {@link SweepJob#stopRequested()}, when the
     * running trials have stopped. A failing trial is an outcome, never an exception; an exception
     * means the engine itself failed.
     */
    void run(SweepJob job);
}
