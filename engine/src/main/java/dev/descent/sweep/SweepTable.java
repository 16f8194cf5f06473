package dev.descent.sweep;

import dev.descent.config.SweepConfig.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table a sweep ends with: a row per configuration, ranked by the mean of the metric over its
 * seeds (best first), with the sample standard deviation, the range, and how many of its trials
 * finished; configurations whose every trial failed come last, with the first error.
 */
final class SweepTable {
    /** One configuration's trials and the figures over those that finished. */
    record Row(String configuration, String overrides, int trials, int ok,
               double mean, double sd, double min, double max, String firstError) {
    }

    private SweepTable() {
    }

    static List<Row> rows(List<PlannedTrial> plan, Map<String, TrialRecord> records, Metric metric) {
        Map<String, List<PlannedTrial>> byConfiguration = new LinkedHashMap<>();
        for (PlannedTrial t : plan) byConfiguration.computeIfAbsent(t.configuration(), k -> new ArrayList<>()).add(t);
        List<Row> rows = new ArrayList<>();
        for (List<PlannedTrial> trials : byConfiguration.values()) {
            List<Double> values = new ArrayList<>();
            String firstError = null;
            for (PlannedTrial t : trials) {
                TrialRecord r = records.get(t.id());
                if (r == null) continue;
                double v = r.metric(metric.name());
                if (r.status().equals(TrialRecord.OK) && Double.isFinite(v)) values.add(v);
                if (r.status().equals(TrialRecord.FAILED) && firstError == null) firstError = r.error();
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double sd = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : Double.NaN;
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            PlannedTrial first = trials.getFirst();
            rows.add(new Row(first.configuration(), first.configurationText(), trials.size(), values.size(),
                    mean, sd, min, max, firstError));
        }
        Comparator<Row> byMean = Comparator.comparingDouble(Row::mean);
        if (metric.maximize()) byMean = byMean.reversed();
        Comparator<Row> order = Comparator.comparing((Row r) -> r.ok() == 0).thenComparing(byMean);
        return rows.stream().sorted(order).toList();   // stable: ties keep the plan's order
    }

    static String render(List<Row> rows, Metric metric, int seeds) {
        String head = metric.name() + (seeds > 1 ? " mean" : "");
        int width = Math.max(12, head.length());
        // Ids are 12 digits, or 64 for the rare configurations whose 12 digits collide.
        int idWidth = rows.stream().mapToInt(r -> r.configuration().length()).max().orElse(0);
        String line = "%4s  %-" + Math.max(6, idWidth) + "s  %5s  %" + width + "s  %8s  %8s  %8s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, line, "rank", "config", "ok", head, "sd", "min", "max", "overrides"));
        int rank = 0;
        for (Row r : rows) {
            rank++;
            String ok = r.ok() + "/" + r.trials();
            if (r.ok() == 0) {
                out.append(String.format(Locale.ROOT, line, rank, r.configuration(), ok, "failed", "-", "-", "-",
                        r.overrides()));
                if (r.firstError() != null) out.append("      ").append(r.firstError()).append('\n');
                continue;
            }
            out.append(String.format(Locale.ROOT, line, rank, r.configuration(), ok, number(r.mean(), metric),
                    number(r.sd(), metric), number(r.min(), metric), number(r.max(), metric), r.overrides()));
        }
        return out.toString();
    }

    static String number(double v, Metric metric) {
        if (Double.isNaN(v)) return "-";
        return metric.name().endsWith("accuracy") ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.5g", v);
    }
}
