package dev.descent.data.samples;

import java.util.List;

/**
 * Target values: {@code values[i * names.size() + t]} is sample i's value of target {@code names[t]},
 * row-major like the features. The array is shared, not copied: only a normaliser may rewrite it, once,
 * before training.
 */
public record RegressionTargets(List<String> names, float[] values) implements Targets {
    public RegressionTargets {
        names = List.copyOf(names);
        if (names.isEmpty()) throw new IllegalArgumentException("a regression needs at least one target");
        if (values.length % names.size() != 0) {
            throw new IllegalArgumentException("%d values do not divide into rows of %d targets"
                    .formatted(values.length, names.size()));
        }
    }

    /** Targets per sample. */
    public int width() {
        return names.size();
    }

    @Override
    public int count() {
        return values.length / names.size();
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }
}
