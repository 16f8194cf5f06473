package dev.descent.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * One parameter a plugin takes: its name (kebab-case, as written in YAML), type, default value
 * ({@code null} means required) and, for numbers, the closed range of valid values ({@code min} of
 * {@link Double#MIN_VALUE} reads as "greater than 0").
 */
public record Parameter(String name, Type type, Object defaultValue, double min, double max, String description) {
    /**
     * SCHEDULE: a nested schedule, written as a mapping with its own {@code name} (warm-up's {@code then}).
     * INTEGER_LIST: whole numbers, each in [min, max], written as a YAML list ({@code [10, 20]}) or as one
     * comma-separated string ({@code "10,20"}).
     */
    public enum Type { NUMBER, INTEGER, BOOLEAN, STRING, SCHEDULE, INTEGER_LIST }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static Parameter number(String name, double defaultValue, double min, double max, String description) {
        return new Parameter(name, Type.NUMBER, defaultValue, min, max, description);
    }

    public static Parameter requiredNumber(String name, double min, double max, String description) {
        return new Parameter(name, Type.NUMBER, null, min, max, description);
    }

    public static Parameter integer(String name, long defaultValue, long min, long max, String description) {
        return new Parameter(name, Type.INTEGER, defaultValue, min, max, description);
    }

    public static Parameter bool(String name, boolean defaultValue, String description) {
        return new Parameter(name, Type.BOOLEAN, defaultValue, 0, 0, description);
    }

    public static Parameter string(String name, String defaultValue, String description) {
        return new Parameter(name, Type.STRING, defaultValue, 0, 0, description);
    }

    /** A required list of whole numbers, each in [min, max]. */
    public static Parameter requiredIntegers(String name, long min, long max, String description) {
        return new Parameter(name, Type.INTEGER_LIST, null, min, max, description);
    }

    /** A nested learning-rate schedule; {@code defaultName} (may be null: required) is used when absent. */
    public static Parameter schedule(String name, String defaultName, String description) {
        return new Parameter(name, Type.SCHEDULE, defaultName == null ? null : PluginSpec.of(defaultName, null), 0, 0,
                description);
    }

    /** How the parameter reads in listings: {@code std: number = 1.0 in [0, inf)}. */
    public String describe() {
        String range = switch (type) {
            case NUMBER, INTEGER, INTEGER_LIST -> min == Double.MIN_VALUE
                    ? " in (0, " + bound(max) + "]"
                    : " in [" + bound(min) + ", " + bound(max) + "]";
            default -> "";
        };
        String dflt = defaultValue == null ? " (required)"
                : " = " + (defaultValue instanceof PluginSpec spec ? "{name: " + spec.name() + "}"
                        : "".equals(defaultValue) ? "\"\"" : defaultValue);
        String kind = type == Type.INTEGER_LIST ? "list of integers" : type.name().toLowerCase(Locale.ROOT);
        return name + ": " + kind + dflt + range;
    }

    private String bound(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return type == Type.NUMBER ? Double.toString(v) : Long.toString((long) v);
    }
}
