package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading a sweep's files back in tests, and leaving out the figures that measure time. */
final class SweepFiles {
    /** Columns and summary keys that measure time, and so differ between two runs of the same trial. */
    static final Set<String> TIMING = Set.of("seconds", "samples_per_second", "train_seconds", "warmup_seconds");

    private SweepFiles() {
    }

    /** A CSV file's rows (header first) as field lists, RFC 4180 quoting undone. */
    static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(fields(line));
        return rows;
    }

    /** The CSV's rows without the timing columns. */
    static List<List<String>> csvWithoutTiming(Path file) throws IOException {
        List<List<String>> rows = csv(file);
        List<String> header = rows.getFirst();
        List<List<String>> kept = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> k = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) if (!TIMING.contains(header.get(i))) k.add(row.get(i));
            kept.add(k);
        }
        return kept;
    }

    /** summary.json without its timing figures. */
    static Map<String, Object> summaryWithoutTiming(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        summary.keySet().removeAll(TIMING);
        // A lone run's identity (random id, data root and files) is not part of its results.
        summary.keySet().removeAll(List.of("run_id", "data_root", "data"));
        return summary;
    }

    /** The value of {@code column} in every data row. */
    static List<String> column(List<List<String>> rows, String column) {
        int i = rows.getFirst().indexOf(column);
        if (i < 0) throw new IllegalArgumentException("no column " + column + " in " + rows.getFirst());
        return rows.subList(1, rows.size()).stream().map(r -> r.get(i)).toList();
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
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
