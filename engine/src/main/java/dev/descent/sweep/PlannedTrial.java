package dev.descent.sweep;

import dev.descent.config.ExperimentConfig;
import dev.descent.spi.SweepTrial;
import java.util.List;

/**
 * One trial of a sweep's plan.
 *
 * @param number 1-based position in the plan
 * @param id the trial's id, {@code <configuration>-s<seed>}, also the name of its run folder
 * @param configuration the id of its configuration: a hash of the overrides other than the seed, shared by
 *        the trials that differ only in seed
 * @param overrides what the trial changes in the base, as {@code key=value} in the order applied: the sweep's
 *        {@code set}, then the varied keys, then the seed
 * @param varied the overrides that make its configuration differ from the sweep's others (grid or random)
 * @param seed the trial's seed
 * @param config the resolved experiment (with {@code training.threads} 1)
 */
record PlannedTrial(int number, String id, String configuration, List<String> overrides, List<String> varied,
                           long seed,
                           ExperimentConfig config, SweepTrial shipped) {
    public PlannedTrial {
        overrides = List.copyOf(overrides);
        varied = List.copyOf(varied);
    }

    /** The overrides on one line, as the table and trials.csv show them. */
    public String overridesText() {
        return String.join(" ", overrides);
    }

    /** What sets the configuration apart, on one line: the varied overrides, or "(base)". */
    public String configurationText() {
        return varied.isEmpty() ? "(base)" : String.join(" ", varied);
    }
}
