package dev.descent.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SweepEngine} is asked to do, and where it reports. {@link #started} and
 * {@link #finished} may be called from any thread.
 */
public interface SweepJob {
    /** The trials to run, in the sweep's order (finished ones already left out). */
    List<SweepTrial> trials();

    /** The run folder a trial's files belong in; an engine that runs trials elsewhere copies them here. */
    Path folder(SweepTrial trial);

    /** The data root on this machine (absolute), holding {@code <dataset>/} folders. */
    Path dataRoot();

    /** The folder of plugin jars every trial loads, or null for the built-ins only. */
    Path pluginsDir();

    /** True once the sweep has been asked to stop (Ctrl-C): start nothing new, stop what runs. */
    boolean stopRequested();

    void started(SweepTrial trial);

    /** The trial's files are complete in {@link #folder} when this is called. */
    void finished(TrialOutcome outcome);
}
