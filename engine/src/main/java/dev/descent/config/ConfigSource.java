package dev.descent.config;

import java.util.Map;

/**
 * Where a config's values came from: the file, or a {@code --set} override for the keys it set. Used
 * only to finish error messages with " in configs/seed.yaml" or " (from --set training.epochs=-1)".
 */
record ConfigSource(String file, Map<String, String> overrides) {
    String describe(String keyPath) {
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (keyPath.equals(o.getKey()) || keyPath.startsWith(o.getKey() + ".")) {
                return " (from --set " + o.getKey() + "=" + o.getValue() + ")";
            }
        }
        return " in " + file;
    }
}
