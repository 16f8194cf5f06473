package dev.descent.spi;

import java.io.Serializable;

/**
 * One trial of a sweep, as an engine ships it: its id (also the name of its run folder) and its
 * resolved config as YAML, complete and replayable (what the run folder's config.yaml will hold).
 * {@code dataset} repeats {@code data.dataset} for engines that ship data to their workers.
 */
public record SweepTrial(String id, String configYaml, String dataset) implements Serializable {
    private static final long serialVersionUID = 1L;
}
