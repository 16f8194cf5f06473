package dev.descent.data.samples;

/** What each sample of a split should produce: a class index or target values, one entry per sample. */
public sealed interface Targets permits ClassTargets, RegressionTargets {
    /** The number of samples. */
    int count();

    /** The task these targets are for. */
    Task task();
}
