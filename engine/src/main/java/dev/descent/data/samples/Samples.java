package dev.descent.data.samples;

import java.util.List;

/**
 * One split in memory: {@code count} samples of {@code width} float32 inputs in one row-major array
 * ({@code features[i * width + j]} is input j of sample i), with one target entry per sample.
 * {@code featureNames} names the inputs (a CSV's header) or is empty when they have no names (pixels);
 * {@code source} names the file or folder in messages. The array is shared, not copied: only a
 * normaliser may rewrite it, once, before training.
 */
public record Samples(String source, List<String> featureNames, int count, int width, float[] features,
                      Targets targets) {
    public Samples {
        featureNames = List.copyOf(featureNames);
        if (width < 1) throw new IllegalArgumentException("a sample needs at least one input, width " + width);
        if ((long) count * width != features.length) {
            throw new IllegalArgumentException("%d samples of %d inputs need %d floats, got %d"
                    .formatted(count, width, (long) count * width, features.length));
        }
        if (!featureNames.isEmpty() && featureNames.size() != width) {
            throw new IllegalArgumentException("%d feature names for %d inputs".formatted(featureNames.size(), width));
        }
        if (targets.count() != count) {
            throw new IllegalArgumentException("%d samples but %d targets".formatted(count, targets.count()));
        }
    }

    @Override
    public String toString() {
        return "%d samples of %d inputs (%s) from %s".formatted(count, width, targets.task(), source);
    }
}
