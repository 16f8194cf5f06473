package dev.descent.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * trials.csv: a row per trial in the plan's order: {@code id}, {@code overrides} (as {@code key=value}
 * separated by spaces, the seed's included), {@code seed}, the figures of summary.json, {@code status}
 * ({@code ok}, {@code failed}, {@code pending}), {@code seconds} (wall clock, data and report
 * included) and {@code error}. Numbers are written exactly (Java's shortest round-trip form).
 */
final class TrialsCsv {
    /**
     * The summary figures, in column order; the validation pair only when some trial holds out a validation
     * set, the test errors only when some trial is a regression.
     */
    static List<String> metrics(boolean validation, boolean regression) {
        List<String> m = new ArrayList<>(List.of("epochs", "kept_epoch", "test_accuracy"));
        if (regression) m.addAll(List.of("test_rmse", "test_mae", "test_r2"));
        m.addAll(List.of("test_cost", "final_cost"));
        if (validation) m.addAll(List.of("validation_accuracy", "validation_cost"));
        m.addAll(List.of("gradient_norm", "stop_reason", "train_seconds", "samples_per_second", "warmup_seconds"));
        return m;
    }

    private TrialsCsv() {
    }

    static String render(List<TrialRecord> records, boolean validation, boolean regression) {
        List<String> metrics = metrics(validation, regression);
        List<String> header = new ArrayList<>(List.of("id", "overrides", "seed"));
        header.addAll(metrics);
        header.addAll(List.of("status", "seconds", "error"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (TrialRecord r : records) {
            List<String> row = new ArrayList<>(
                    List.of(r.id(), String.join(" ", r.overrides()), Long.toString(r.seed())));
            for (String m : metrics) row.add(cell(r.summary().get(m)));
            row.add(r.status());
            row.add(r.finished() ? Double.toString(r.seconds()) : "");
            row.add(r.error() == null ? "" : r.error());
            csv.append(String.join(",", row.stream().map(TrialsCsv::quote).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) return Double.toString(d);
        return value.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
