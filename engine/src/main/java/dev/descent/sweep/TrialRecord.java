package dev.descent.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import dev.descent.spi.TrialOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sweep knows of one trial, kept as {@code trial.json} in the trial's run folder. The sweep
 * writes it last, after every other file of the folder, so its presence marks a finished trial
 * (status {@code ok} or {@code failed}); trials.csv is rebuilt from these records.
 *
 * @param seconds the trial's wall-clock time, to the millisecond
 * @param summary summary.json's figures (empty unless ok)
 */
record TrialRecord(String id, String configuration, List<String> overrides, long seed, String status, String error,
                   double seconds, Map<String, Object> summary) {
    static final String FILE = "trial.json";
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String PENDING = "pending";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    TrialRecord {
        overrides = List.copyOf(overrides);
        summary = summary == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    static TrialRecord pending(PlannedTrial trial) {
        return new TrialRecord(trial.id(), trial.configuration(), trial.overrides(), trial.seed(), PENDING,
                null, 0, null);
    }

    static TrialRecord of(PlannedTrial trial, TrialOutcome outcome) {
        boolean ok = outcome.status() == TrialOutcome.Status.OK;
        return new TrialRecord(trial.id(), trial.configuration(), trial.overrides(), trial.seed(), ok ? OK : FAILED,
                ok ? null : outcome.error(), Math.round(outcome.seconds() * 1000) / 1000.0,
                ok ? outcome.summary() : null);
    }

    boolean finished() {
        return status.equals(OK) || status.equals(FAILED);
    }

    /** The summary figure {@code name} as a number, or NaN when the trial has none. */
    double metric(String name) {
        return summary.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Writes trial.json into {@code folder} and returns the record as read back, so that a record
     * made now and one read by a later run are the same values.
     */
    TrialRecord write(Path folder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("configuration", configuration);
        json.put("overrides", overrides);
        json.put("seed", seed);
        json.put("status", status);
        json.put("error", error);
        json.put("seconds", seconds);
        json.put("summary", summary);
        Path file = folder.resolve(FILE);
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new DescentException("cannot write " + file + ": " + e.getMessage());
        }
        TrialRecord back = read(folder);
        if (back == null) throw new DescentException("cannot read back " + file);
        return back;
    }

    /** The record in {@code folder}, or null when there is none or it cannot be read (the trial then runs again). */
    static TrialRecord read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) return null;
        try {
            Map<String, Object> json =
                    JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            @SuppressWarnings("unchecked")
            List<String> overrides = (List<String>) json.get("overrides");
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) json.get("summary");
            return new TrialRecord((String) json.get("id"), (String) json.get("configuration"), overrides,
                    ((Number) json.get("seed")).longValue(), (String) json.get("status"), (String) json.get("error"),
                    ((Number) json.get("seconds")).doubleValue(), summary);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
