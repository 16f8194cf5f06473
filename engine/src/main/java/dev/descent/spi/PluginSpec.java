package dev.descent.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A plugin as a config names it: {@code {name: gaussian, std: 0.5}}. Parameter values are plain Java
 * values (Double, Long, Boolean, String) not yet checked against the provider; {@code keyPath} says
 * where in the config it came from, for messages.
 */
public record PluginSpec(String name, Map<String, Object> parameters, String keyPath) {
    public PluginSpec {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
    }

    public static PluginSpec of(String name, String keyPath) {
        return new PluginSpec(name, Map.of(), keyPath);
    }
}
