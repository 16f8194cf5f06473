package dev.descent.config;

import dev.descent.data.images.ImageSize;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.samples.Task;
import java.util.List;

/**
 * The {@code data} section and {@code task}. A built-in set: {@code data.dataset} ({@code mnist} or {@code
 * fashion-mnist}) and {@code format} null. A user's own data: {@code format} is {@code csv}, {@code
 * images} or {@code idx}, {@code dataset} the same name, {@code train} and {@code test} (absolute paths;
 * test null when {@code testSplit}, a share in (0, 1), holds out part of the training data), {@code
 * label} and {@code features} the CSV columns (empty: the last column, every other column), and {@code
 * image} the size pictures are scaled to. {@code validation}: how many training samples to hold out,
 * chosen with the seed (0 = none); {@code normalize} and {@code normalizeTargets} the preprocessing.
 */
public record DataConfig(String dataset, int validation, Task task, String format, DataFiles train, DataFiles test,
                         double testSplit, List<String> label, List<String> features, Normalization normalize,
                         boolean normalizeTargets, ImageSize image) {
    public DataConfig {
        label = List.copyOf(label);
        features = List.copyOf(features);
    }

    /** A built-in data set, classified as today. */
    public DataConfig(String dataset, int validation) {
        this(dataset, validation, Task.CLASSIFICATION, null, null, null, 0, List.of(), List.of(), Normalization.NONE,
                true, ImageSize.DEFAULT);
    }

    /** True for {@code mnist} and {@code fashion-mnist}, read from the data root and downloaded when missing. */
    public boolean builtIn() {
        return format == null;
    }

    /**
     * A split's files: a CSV file or an images folder in {@code file}; for {@code idx} the images file in
     * {@code file} and the labels file in {@code labels} (else null).
     */
    public record DataFiles(String file, String labels) {
    }
}
