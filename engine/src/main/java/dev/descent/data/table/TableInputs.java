package dev.descent.data.table;

import java.nio.file.Path;
import java.util.List;

/**
 * Rows of inputs without targets, read for {@code descent predict}: {@code count} rows of the model's
 * feature columns, float32, row-major, in the model's input order, in the file's row order. The array is
 * shared, not copied: only a normaliser may rewrite it, once.
 */
public record TableInputs(Path file, List<String> featureNames, int count, float[] features) {
    public TableInputs {
        featureNames = List.copyOf(featureNames);
        if ((long) count * featureNames.size() != features.length) {
            throw new IllegalArgumentException("%d rows of %d inputs do not match %d values"
                    .formatted(count, featureNames.size(), features.length));
        }
    }
}
