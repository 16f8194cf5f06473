/**
 * Sweeps: many small trainings from one file. {@link dev.descent.sweep.SweepPlan} expands a sweep
 * file ({@link dev.descent.config.SweepConfig}) into trials and validates each before anything runs;
 * a {@link dev.descent.spi.SweepEngine} runs them (the built-in
 * {@link dev.descent.sweep.LocalSweepEngine} on threads of this JVM), each through
 * {@link dev.descent.sweep.TrialRunner}, the training path of {@code descent train}, on one thread,
 * so that a trial's results are the same bits wherever it runs; {@link dev.descent.sweep.SweepRunner}
 * records every outcome in the sweep folder (trial.json per trial, trials.csv, best.yaml, summary.txt)
 * and skips finished trials when the sweep runs again.
 */
package dev.descent.sweep;
