package dev.descent.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin as a config names it: {@code {name: gaussian, std: 0.5}}. Parameter values are plain Java
 * values (Double, Long, Boolean, String) not yet checked against the provider, in the order written;
 * {@code keyPath} says where in the config it came from, for messages.
 */
public record PluginSpec(String name, Map<String, Object> parameters, String keyPath) {
    public PluginSpec {
        Objects.requireNonNull(name, "name");
        // In the order written, not Map.copyOf's per-JVM order: config.yaml must be the same bytes on every JVM.
        Map<String, Object> copy = new LinkedHashMap<>();
        parameters.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
        parameters = Collections.unmodifiableMap(copy);
    }

    public static PluginSpec of(String name, String keyPath) {
        return new PluginSpec(name, Map.of(), keyPath);
    }
}
