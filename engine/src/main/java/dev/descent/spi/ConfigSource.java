package dev.descent.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a config's values came from, for messages: the file they were read from (null for a config
 * built in code) and, for each key path an override set, the override as it was given
 * ({@code --set cost.name=quadratc}, {@code sweep training.epochs=3}, {@code --engine spark}).
 * Configs and plugin specs carry it so that an error found late (a plugin's parameter, say) still
 * names the file and the override that caused it. It is never part of a config's value: two configs
 * that say the same are equal wherever they were read from.
 */
public record ConfigSource(String file, Map<String, String> overrides) {
    /** A config built in code: messages name only the key path. */
    public static final ConfigSource NONE = new ConfigSource(null, Map.of());

    public ConfigSource {
        // In the order given: the last override of a key is the one that counts, and describe() says so.
        Map<String, String> copy = new LinkedHashMap<>();
        overrides.forEach((key, text) -> copy.put(Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(text, key)));
        overrides = Collections.unmodifiableMap(copy);
    }

    /** Values read from {@code file} alone. */
    public static ConfigSource of(String file) {
        return new ConfigSource(file, Map.of());
    }

    /** The same source with {@code keyPath} set by the override {@code text} ({@code --set a.b=1}). */
    public ConfigSource withOverride(String keyPath, String text) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.remove(keyPath);   // re-inserted last: a later override of the same key is the one in force
        more.put(keyPath, text);
        return new ConfigSource(file, more);
    }

    /**
     * The end of a message about {@code keyPath} (may be null: the config as a whole):
     * {@code " (from --set cost.name=quadratc) in configs/seed.yaml"}, or {@code " in configs/seed.yaml"}
     * when no override touched the key. The override named is the one that set the key or its nearest
     * enclosing key; failing that, one that set a key inside it (which may have made it invalid).
     */
    public String describe(String keyPath) {
        String override = keyPath == null ? null : override(keyPath);
        return (override == null ? "" : " (from " + override + ")") + (file == null ? "" : " in " + file);
    }

    /** The text of the override that set {@code keyPath} or what encloses or holds it; null when none did. */
    public String override(String keyPath) {
        String best = null;
        String inside = null;
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String key = o.getKey();
            if (keyPath.equals(key) || keyPath.startsWith(key + ".")) {
                if (best == null || key.length() > best.length()) best = key;
            } else if (key.startsWith(keyPath + ".")) {
                inside = o.getValue();
            }
        }
        return best != null ? overrides.get(best) : inside;
    }
}
