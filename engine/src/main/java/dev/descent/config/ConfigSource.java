package dev.descent.config;

import java.util.Map;

/**
 * Where a config's values came from: the file, or an override for the keys it set ({@code origin}
 * names the overrides' source: {@code --set}, or {@code sweep}). Used only to finish error messages
 * with " in configs/seed.yaml" or " (from --set training.epochs=-1)".
 */
record ConfigSource(String file, Map<String, String> overrides, String origin) {
    ConfigSource(String file) {
        this(file, Map.of(), "--set");
    }

    String describe(String keyPath) {
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (keyPath.equals(o.getKey()) || keyPath.startsWith(o.getKey() + ".")) {
                return " (from " + origin + " " + o.getKey() + "=" + o.getValue() + ")";
            }
        }
        return " in " + file;
    }
}
