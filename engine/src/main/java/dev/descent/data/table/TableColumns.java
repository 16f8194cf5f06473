package dev.descent.data.table;

import dev.descent.DescentException;
import dev.descent.spi.ConfigSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a table are targets and which are inputs, by header name ({@code data.label} and
 * {@code data.features}). An empty {@code labels} means the last column; an empty {@code features}
 * means every column that is not a label. Classification takes one label column; regression takes one
 * or more target columns. A name listed twice is refused here, naming the key and both entries.
 * {@code source} is the config the names came from: a column it names that the table lacks is refused
 * naming the key, the {@code --set} that gave it and the config file.
 */
public record TableColumns(List<String> labels, List<String> features, ConfigSource source) {
    /** The last column is the label; every other column is a feature. */
    public static final TableColumns DEFAULT = new TableColumns(List.of(), List.of());

    public TableColumns {
        labels = List.copyOf(labels);
        features = List.copyOf(features);
        requireDistinct(labels, "data.label");
        requireDistinct(features, "data.features");
    }

    /** Columns named outside any config (a test, a benchmark). */
    public TableColumns(List<String> labels, List<String> features) {
        this(labels, features, ConfigSource.NONE);
    }

    /** {@code key} ("data.label") and where its value came from, for a message. */
    String describe(String key) {
        return key + source.describe(key);
    }

    /** The label column {@code label}, every other column a feature. */
    public static TableColumns label(String label) {
        return new TableColumns(List.of(label), List.of());
    }

    private static void requireDistinct(List<String> names, String key) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                throw new DescentException("%s names column '%s' twice (entries %d and %d)"
                        .formatted(key, names.get(i), names.indexOf(names.get(i)) + 1, i + 1));
            }
        }
    }
}
