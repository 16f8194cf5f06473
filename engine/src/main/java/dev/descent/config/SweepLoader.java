package dev.descent.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.DescentException;
import dev.descent.config.SweepConfig.Axis;
import dev.descent.config.SweepConfig.Dimension;
import dev.descent.config.SweepConfig.Distribution;
import dev.descent.config.SweepConfig.Metric;
import dev.descent.config.SweepConfig.RandomSearch;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.PluginSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a sweep file into a {@link SweepConfig}, checking its own keys (base, grid, random, seeds,
 * metric, engine) and the shape of every value. Whether the varied keys and values make valid
 * experiments is checked later, trial by trial, against the base config.
 */
public final class SweepLoader {
    /** A dotted config key as {@code --set} takes it: {@code training.learning-rate}. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
    static final int MAX_SEEDS = 10_000;
    static final int MAX_RANDOM_TRIALS = 100_000;
    private static final List<String> DISTRIBUTIONS = List.of("choice", "uniform", "log-uniform", "int-uniform");

    private SweepLoader() {
    }

    public static SweepConfig load(Path file) {
        String name = file.toString();
        JsonNode tree = ConfigLoader.readTree(file, name, "sweep", "configs/sweeps/seed-grid.yaml");
        ConfigNode root = new ConfigNode(tree, "", ConfigSource.of(name));

        String baseName = root.text("base");
        if (baseName == null) {
            throw root.missing("base",
                    "the base experiment's YAML file, relative to the sweep file, e.g. base: ../mnist-seed.yaml");
        }
        Path folder = file.getParent() == null ? Path.of("") : file.getParent();
        Path base;
        try {
            base = folder.resolve(baseName).normalize();
        } catch (InvalidPathException e) {
            throw root.invalid("base", tree.get("base"), "a file path (" + e.getReason() + ")");
        }
        if (!Files.exists(base)) {
            throw new DescentException("base experiment " + base.toAbsolutePath() + " (base: " + baseName + " in "
                    + name + ", relative to the sweep file's folder) does not exist");
        }
        List<String> fixed = fixed(root);
        List<Axis> grid = grid(root);
        RandomSearch random = root.raw("random") != null ? random(root.object("random")) : null;
        List<Long> seeds = seeds(root);
        Metric metric = metric(root);
        PluginSpec engine = root.plugin("engine", "local");
        root.finish();
        return new SweepConfig(file, base, fixed, grid, random, seeds, metric, engine);
    }

    private static List<String> fixed(ConfigNode root) {
        JsonNode raw = root.raw("set");
        List<String> fixed = new ArrayList<>();
        if (raw == null) return fixed;
        if (!raw.isObject()) {
            throw root.invalid("set", raw, "a mapping of config keys to values, e.g. {training.epochs: 2}");
        }
        ConfigNode set = root.object("set");
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            String key = checkKey(set, e.getKey(), e.getValue());
            fixed.add(key + "=" + render(set, key, e.getValue()));
        }
        return fixed;
    }

    private static List<Axis> grid(ConfigNode root) {
        JsonNode raw = root.raw("grid");
        List<Axis> axes = new ArrayList<>();
        if (raw == null) return axes;
        if (!raw.isObject()) throw root.invalid("grid", raw, "a mapping of config keys to lists of values");
        ConfigNode grid = root.object("grid");
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            String key = checkKey(grid, e.getKey(), e.getValue());
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw grid.invalid(key, values, "a non-empty list of values, e.g. [0.5, 1.0, 3.0]");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode v : values) texts.add(render(grid, key, v));
            if (new LinkedHashSet<>(texts).size() != texts.size()) {
                throw grid.invalid(key, values, "a list of distinct values");
            }
            axes.add(new Axis(key, texts));
        }
        return axes;
    }

    private static RandomSearch random(ConfigNode random) {
        long trials = random.integer("trials", 0, 1, MAX_RANDOM_TRIALS);
        if (trials == 0) {
            throw random.missing("trials", "how many configurations to draw, from 1 to " + MAX_RANDOM_TRIALS);
        }
        long seed = random.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        JsonNode raw = random.raw("space");
        String expected = "a mapping of config keys to distributions,"
                + " e.g. training.learning-rate: {log-uniform: [0.01, 10]}";
        if (raw == null) throw random.missing("space", expected);
        if (!raw.isObject() || raw.isEmpty()) throw random.invalid("space", raw, expected);
        ConfigNode space = random.object("space");
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            String key = checkKey(space, e.getKey(), e.getValue());
            dimensions.add(new Dimension(key, distribution(space, key, e.getValue())));
        }
        random.finish();
        return new RandomSearch((int) trials, seed, dimensions);
    }

    private static Distribution distribution(ConfigNode space, String key, JsonNode v) {
        String expected = "one of {choice: [values]}, {uniform: [low, high]}, {log-uniform: [low, high]} with low > 0, "
                + "{int-uniform: [low, high]}";
        if (!v.isObject() || v.size() != 1) throw space.invalid(key, v, expected);
        Map.Entry<String, JsonNode> only = v.properties().iterator().next();
        JsonNode args = only.getValue();
        switch (only.getKey()) {
            case "choice" -> {
                if (!args.isArray() || args.isEmpty()) {
                    throw space.invalid(key, v, "{choice: [a non-empty list of values]}");
                }
                List<String> texts = new ArrayList<>();
                for (JsonNode item : args) texts.add(render(space, key, item));
                return new Distribution.Choice(texts);
            }
            case "uniform", "log-uniform" -> {
                boolean log = only.getKey().equals("log-uniform");
                String range = "{" + only.getKey() + ": [low, high]} with " + (log ? "0 < low" : "low") + " < high";
                if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) {
                    throw space.invalid(key, v, range);
                }
                double low = args.get(0).doubleValue();
                double high = args.get(1).doubleValue();
                if (!(Double.isFinite(low) && Double.isFinite(high) && low < high && (!log || low > 0))) {
                    throw space.invalid(key, v, range);
                }
                return log ? new Distribution.LogUniform(low, high) : new Distribution.Uniform(low, high);
            }
            case "int-uniform" -> {
                String range = "{int-uniform: [low, high]} with whole numbers low <= high";
                if (!args.isArray() || args.size() != 2
                        || !args.get(0).isIntegralNumber() || !args.get(1).isIntegralNumber()
                        || !args.get(0).canConvertToLong() || !args.get(1).canConvertToLong()
                        || args.get(0).longValue() > args.get(1).longValue()) {
                    throw space.invalid(key, v, range);
                }
                return new Distribution.IntUniform(args.get(0).longValue(), args.get(1).longValue());
            }
            default -> throw new DescentException("unknown distribution '" + only.getKey() + "' at "
                    + space.pathOf(key) + " in " + space.source().file()
                    + "; available: " + String.join(", ", DISTRIBUTIONS));
        }
    }

    private static List<Long> seeds(ConfigNode root) {
        JsonNode raw = root.raw("seeds");
        String expected = "a list of distinct whole numbers, e.g. [1, 2, 3], or a count N meaning 1..N (at most "
                + MAX_SEEDS + ")";
        List<Long> seeds = new ArrayList<>();
        if (raw == null) return seeds;
        if (raw.isIntegralNumber() && raw.canConvertToInt() && raw.intValue() >= 1 && raw.intValue() <= MAX_SEEDS) {
            for (long s = 1; s <= raw.intValue(); s++) seeds.add(s);
            return seeds;
        }
        if (!raw.isArray() || raw.isEmpty() || raw.size() > MAX_SEEDS) throw root.invalid("seeds", raw, expected);
        Set<Long> seen = new LinkedHashSet<>();
        for (JsonNode s : raw) {
            if (!s.isIntegralNumber() || !s.canConvertToLong() || !seen.add(s.longValue())) {
                throw root.invalid("seeds", raw, expected);
            }
        }
        seeds.addAll(seen);
        return seeds;
    }

    private static Metric metric(ConfigNode root) {
        JsonNode raw = root.raw("metric");
        if (raw == null) return new Metric("test_accuracy", true);
        if (raw.isTextual()) {
            String name = root.choice("metric", "test_accuracy", SweepConfig.METRICS);
            return new Metric(name, defaultMaximize(name));
        }
        ConfigNode node = root.object("metric");
        String name = node.choice("name", "test_accuracy", SweepConfig.METRICS);
        String goal = node.choice("goal", defaultMaximize(name) ? "maximize" : "minimize",
                List.of("maximize", "minimize"));
        node.finish();
        return new Metric(name, goal.equals("maximize"));
    }

    /** Accuracies and R^2 are better higher; costs, errors and gradient norms lower. */
    private static boolean defaultMaximize(String metric) {
        return metric.endsWith("accuracy") || metric.equals("test_r2");
    }

    private static String checkKey(ConfigNode parent, String key, JsonNode value) {
        if (key.equals("seed")) {
            throw new DescentException("seed at " + parent.pathOf(key) + " in " + parent.source().file()
                    + ": list seeds under the top-level key seeds, e.g. seeds: [1, 2, 3]");
        }
        if (!KEY.matcher(key).matches()) {
            throw new DescentException("invalid key '" + key + "' at " + parent.pathOf(key)
                    + " in " + parent.source().file()
                    + ": expected a dotted config key as --set takes it, e.g. training.learning-rate");
        }
        return key;
    }

    private static String render(ConfigNode parent, String key, JsonNode value) {
        String text = FlowYaml.render(value);
        if (text == null) throw parent.invalid(key, value, "values that can be written as --set values");
        return text;
    }
}
