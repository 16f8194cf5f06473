package dev.descent.spi;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one trial ended: {@code OK} with its summary (what summary.json holds), {@code FAILED} with a
 * one-line error (a diverging run, a bad value only the data could reveal, a crash), or
 * {@code INTERRUPTED} when the sweep was stopped while it ran (it is run again when the sweep is).
 * {@code seconds} is the trial's wall-clock time, data loading and report included.
 */
public record TrialOutcome(String id, Status status, String error, double seconds, Map<String, Object> summary)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the trial ended (see the record's comment). */
    public enum Status { OK, FAILED, INTERRUPTED }

    public TrialOutcome {
        // summary.json's order, and serializable (Map.copyOf would lose the order).
        summary = Collections.unmodifiableMap(summary == null ? new LinkedHashMap<>() : new LinkedHashMap<>(summary));
    }
}
