package dev.descent.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin as a config names it: {@code {name: gaussian, std: 0.5}}. Parameter values are plain Java
 * values (Double, Long, Boolean, String, a List of those, or a nested PluginSpec) not yet checked
 * against the provider, in the order written; {@code keyPath} says where in the config it came from
 * and {@code source} which file and override, for messages. Equality ignores {@code source}: the same
 * plugin read from a config file and from a run's config.yaml is the same plugin.
 */
public record PluginSpec(String name, Map<String, Object> parameters, String keyPath, ConfigSource source) {
    public PluginSpec {
        Objects.requireNonNull(name, "name");
        // In the order written, not Map.copyOf's per-JVM order: config.yaml must be the same bytes on every JVM.
        Map<String, Object> copy = new LinkedHashMap<>();
        parameters.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"),
                value instanceof List<?> list ? List.copyOf(list) : Objects.requireNonNull(value, key)));
        parameters = Collections.unmodifiableMap(copy);
        if (source == null) source = ConfigSource.NONE;
    }

    /** A spec built in code, with no file or override to name. */
    public PluginSpec(String name, Map<String, Object> parameters, String keyPath) {
        this(name, parameters, keyPath, ConfigSource.NONE);
    }

    public static PluginSpec of(String name, String keyPath) {
        return new PluginSpec(name, Map.of(), keyPath);
    }

    /**
     * The end of a message about {@code key} of this plugin ({@code name}, a parameter, or null for the
     * plugin as a whole): {@code " at cost.delta (from --set cost.delta=-1) in configs/seed.yaml"}.
     */
    public String describe(String key) {
        String path = keyPath == null ? key : key == null ? keyPath : keyPath + "." + key;
        return (path == null ? "" : " at " + path) + source.describe(path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PluginSpec other && name.equals(other.name) && parameters.equals(other.parameters)
                && Objects.equals(keyPath, other.keyPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters, keyPath);
    }
}
