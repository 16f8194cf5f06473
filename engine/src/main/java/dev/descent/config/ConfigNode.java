package dev.descent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.descent.DescentException;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.Names;
import dev.descent.spi.PluginSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being bound, with its key path. Each accessor reads one key, checks its type and
 * range, and remembers that the key is known; {@link #finish} then rejects every key nobody asked for.
 * Errors say what was wrong, where ({@link ConfigSource#describe}) and what is valid.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final ConfigSource source;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigNode(JsonNode node, String path, ConfigSource source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    ConfigSource source() {
        return source;
    }

    /**
     * A nested mapping; an absent key binds as an empty mapping, so that every default applies. A null
     * value ({@code key: ~}, {@code --set key=null}) is refused here and by every accessor below, like any
     * other wrong value: it would otherwise silently mean the default.
     */
    ConfigNode object(String key) {
        known.add(key);
        JsonNode child = node.get(key);
        if (child == null) return new ConfigNode(EMPTY, pathOf(key), source);
        if (!child.isObject()) throw invalid(key, child, "a mapping of keys to values");
        return new ConfigNode(child, pathOf(key), source);
    }

    long integer(String key, long defaultValue, long min, long max) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return defaultValue;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid(key, v, "a whole number" + range(min, max));
        }
        long value = v.longValue();
        if (value < min || value > max) throw invalid(key, v, "a whole number" + range(min, max));
        return value;
    }

    /** A number in [min, max], or in (min, max] when {@code minExclusive}. */
    double number(String key, double defaultValue, double min, boolean minExclusive, double max) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return defaultValue;
        String expected = "a number " + (minExclusive ? "> " : ">= ") + format(min)
                + (Double.isInfinite(max) ? "" : " and <= " + format(max));
        if (!v.isNumber()) throw invalid(key, v, expected);
        double value = v.doubleValue();
        if (!Double.isFinite(value)) throw invalid(key, v, "a finite " + expected.substring(2));
        boolean aboveMin = minExclusive ? value > min : value >= min;
        if (!aboveMin || !(value <= max)) throw invalid(key, v, expected);
        return value;
    }

    String choice(String key, String defaultValue, List<String> valid) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return defaultValue;
        if (!v.isTextual() || !valid.contains(v.textValue())) {
            throw invalid(key, v, "one of " + String.join(", ", valid));
        }
        return v.textValue();
    }

    /** A non-empty string, or null when the key is absent. */
    String text(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return null;
        if (!v.isTextual() || v.textValue().isBlank()) throw invalid(key, v, "a non-empty string");
        return v.textValue();
    }

    /**
     * Rates in [0, 1), one per hidden layer: a single number applies to all of them, a list gives
     * each its own. Absent: an empty list.
     */
    List<Double> rates(String key, int hiddenLayers) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return List.of();
        String expected = "a rate in [0, 1), or a list of " + hiddenLayers + " such rates (one per hidden layer)";
        List<Double> rates = new ArrayList<>();
        if (v.isNumber()) {
            for (int i = 0; i < hiddenLayers; i++) rates.add(v.doubleValue());
        } else if (v.isArray() && v.size() == hiddenLayers) {
            for (JsonNode item : v) {
                if (!item.isNumber()) throw invalid(key, v, expected);
                rates.add(item.doubleValue());
            }
        } else {
            throw invalid(key, v, expected);
        }
        for (double r : rates) {
            if (!(r >= 0 && r < 1)) throw invalid(key, v, expected);
        }
        return rates;
    }

    /** A boolean ({@code true} or {@code false}). */
    boolean bool(String key, boolean defaultValue) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return defaultValue;
        if (!v.isBoolean()) throw invalid(key, v, "true or false");
        return v.booleanValue();
    }

    /** Column names: one non-empty string or a list of them; absent, an empty list. */
    List<String> names(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) return List.of();
        String expected = "a column name or a list of column names";
        if (v.isTextual() && !v.textValue().isEmpty()) return List.of(v.textValue());
        if (!v.isArray() || v.isEmpty()) throw invalid(key, v, expected);
        List<String> names = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().isEmpty()) throw invalid(key, v, expected);
            names.add(item.textValue());
        }
        return names;
    }

    /**
     * Layer widths, each a whole number in [min, max] or {@code auto} (bound as {@link NetworkConfig#AUTO}),
     * which only the first and the last layer may be; required.
     */
    List<Integer> layers(String key, int min, int max) {
        known.add(key);
        JsonNode v = node.get(key);
        String expected = "a list of whole numbers" + range(min, max) + ", the first and last may be auto";
        if (v == null) throw missing(key, expected);
        if (!v.isArray()) throw invalid(key, v, expected);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            boolean end = i == 0 || i == v.size() - 1;
            if (end && item.isTextual() && item.textValue().equals("auto")) {
                values.add(NetworkConfig.AUTO);
            } else if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < min
                    || item.intValue() > max) {
                throw invalid(key, v, expected);
            } else {
                values.add(item.intValue());
            }
        }
        return values;
    }

    /** A list of whole numbers, each in [min, max]; required. */
    List<Integer> integers(String key, int min, int max) {
        known.add(key);
        JsonNode v = node.get(key);
        String expected = "a list of whole numbers" + range(min, max);
        if (v == null) throw missing(key, expected);
        if (!v.isArray()) throw invalid(key, v, expected);
        List<Integer> values = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < min || item.intValue() > max) {
                throw invalid(key, v, expected);
            }
            values.add(item.intValue());
        }
        return values;
    }

    /**
     * A plugin: a mapping with {@code name} and the plugin's parameters ({@code {name: gaussian, std: 1}}),
     * or just the name as a string. Parameter values must be scalars or lists of scalars; the registry
     * checks them against the plugin's declared parameters, defaults and ranges later.
     */
    PluginSpec plugin(String key, String defaultName) {
        known.add(key);
        JsonNode v = node.get(key);
        String where = pathOf(key);
        if (v == null) return new PluginSpec(defaultName, Map.of(), where, source);
        if (v.isTextual()) return new PluginSpec(v.textValue(), Map.of(), where, source);
        if (!v.isObject()) throw invalid(key, v, "a plugin name or a mapping with 'name' and its parameters");
        return pluginSpec(v, where, defaultName);
    }

    private PluginSpec pluginSpec(JsonNode v, String where, String defaultName) {
        JsonNode name = v.get("name");
        String at = where + ".name";
        if (name == null) {
            throw new DescentException("missing plugin name at " + at + source.describe(at)
                    + "; write e.g. {name: " + defaultName + "}");
        }
        if (!name.isTextual()) {
            throw new DescentException("invalid value " + render(name) + " at " + at + source.describe(at)
                    + ": expected a plugin name, e.g. {name: " + defaultName + "}");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (e.getKey().equals("name")) continue;
            parameters.put(e.getKey(), parameter(where + "." + e.getKey(), e.getValue()));
        }
        return new PluginSpec(name.textValue(), parameters, where, source);
    }

    /**
     * The key's raw node (null when absent, a null node for an explicit null), marked as known, for
     * shapes the accessors above do not bind.
     */
    JsonNode raw(String key) {
        known.add(key);
        return node.get(key);
    }

    /** Fails on any key that no accessor asked for, naming the nearest valid key and all of them. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String at = pathOf(key);
                String suggestion = Names.closest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw new DescentException("unknown key '" + key + "' at " + at + source.describe(at) + suggestion
                        + "; valid keys" + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", known));
            }
        }
    }

    /** A plugin parameter's value: a scalar, a list of scalars, or a nested plugin written as a mapping with a name. */
    private Object parameter(String where, JsonNode v) {
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new DescentException("invalid value " + render(v) + " at " + where + source.describe(where)
                            + ": a list in plugin parameters holds numbers, booleans or strings");
                }
                items.add(scalar(where, item));
            }
            return items;
        }
        return scalar(where, v);
    }

    private Object scalar(String where, JsonNode v) {
        return switch (v.getNodeType()) {
            case NUMBER -> {
                if (v.isIntegralNumber() && !v.canConvertToLong() || !Double.isFinite(v.doubleValue())) {
                    throw new DescentException("invalid value " + render(v) + " at " + where + source.describe(where)
                            + ": plugin parameters are finite numbers, booleans, strings or {name: ...}");
                }
                yield v.isIntegralNumber() ? (Object) v.longValue() : (Object) v.doubleValue();
            }
            case BOOLEAN -> v.booleanValue();
            case STRING -> v.textValue();
            case OBJECT -> pluginSpec(v, where, "constant");
            default -> throw new DescentException("invalid value " + render(v) + " at " + where
                    + source.describe(where) + ": plugin parameters are numbers, booleans, strings, lists of those"
                    + " or {name: ...}");
        };
    }

    DescentException invalid(String key, JsonNode value, String expected) {
        String at = pathOf(key);
        return new DescentException("invalid value " + render(value) + " at " + at + source.describe(at)
                + ": expected " + expected);
    }

    DescentException missing(String key, String expected) {
        String at = pathOf(key);
        return new DescentException("missing key " + at + source.describe(at) + ": expected " + expected);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String render(JsonNode v) {
        String text = v.getNodeType() == JsonNodeType.STRING ? "'" + v.textValue() + "'" : v.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) return " >= " + min;
        return " from " + min + " to " + max;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();
}
