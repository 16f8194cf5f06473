package dev.descent.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Two sweep folders of the same sweep, held to each other trial by trial: the same trials.csv, and for
 * every trial the same model bits, metrics, summary, config and charts; only the figures that measure
 * time may differ (seconds, samples_per_second, train_seconds, warmup_seconds, and the files that
 * embed them: report.html, the checkpoint, trial.json).
 */
final class SweepComparison {
    static final Set<String> TIMING = Set.of("seconds", "samples_per_second", "train_seconds", "warmup_seconds");
    /** Compared byte for byte. */
    static final List<String> SAME_BYTES = List.of("model.safetensors", "config.yaml", "curves.png", "weights.png");

    private SweepComparison() {
    }

    /** Returns the number of trials compared. */
    static int assertSameTrials(Path expected, Path actual) throws IOException {
        List<List<String>> trials = csvWithoutTiming(expected.resolve("trials.csv"));
        assertEquals(trials, csvWithoutTiming(actual.resolve("trials.csv")), "trials.csv");
        int status = trials.getFirst().indexOf("status");
        for (List<String> row : trials.subList(1, trials.size())) assertEquals("ok", row.get(status), row.toString());
        List<String> ids = trials.subList(1, trials.size()).stream().map(List::getFirst).toList();
        for (String id : ids) {
            Path e = expected.resolve("trials").resolve(id);
            Path a = actual.resolve("trials").resolve(id);
            assertEquals(names(e), names(a), id);
            for (String f : SAME_BYTES) {
                assertArrayEquals(Files.readAllBytes(e.resolve(f)), Files.readAllBytes(a.resolve(f)), id + "/" + f);
            }
            assertEquals(csvWithoutTiming(e.resolve("metrics.csv")), csvWithoutTiming(a.resolve("metrics.csv")),
                    id + "/metrics.csv");
            assertEquals(jsonWithoutTiming(e.resolve("summary.json")), jsonWithoutTiming(a.resolve("summary.json")),
                    id + "/summary.json");
        }
        assertTrue(ids.size() > 0);
        return ids.size();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, Object> jsonWithoutTiming(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        json.keySet().removeAll(TIMING);
        return json;
    }

    /** CSV rows without the timing columns; quoted fields (the overrides) kept whole. */
    static List<List<String>> csvWithoutTiming(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(fields(line));
        List<String> header = rows.getFirst();
        List<List<String>> kept = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> k = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) if (!TIMING.contains(header.get(i))) k.add(row.get(i));
            kept.add(k);
        }
        return kept;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
