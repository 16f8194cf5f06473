package dev.descent.spi;

import java.util.List;
import java.util.Map;

/**
 * The validated parameter values handed to {@link PluginProvider#create}: every declared parameter
 * is present, of its declared type and in range.
 */
public final class Parameters {
    private final Map<String, Object> values;

    public Parameters(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public double number(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public long integer(String name) {
        return ((Number) get(name)).longValue();
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    /** A list-of-integers parameter, in the order written. */
    @SuppressWarnings("unchecked")
    public List<Long> integers(String name) {
        return (List<Long>) get(name);
    }

    /** A nested schedule parameter, already built by the registry. */
    public LearningRateSchedule schedule(String name) {
        return (LearningRateSchedule) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' was not declared by the provider");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
