package dev.descent.data.table;

import dev.descent.data.samples.Task;
import java.util.List;

/**
 * What a model needs to read more tables the way it read its training table, and what a model file
 * records for eval and predict: the training file's columns ({@code header}, for the check that a test
 * file has the same ones), the feature columns in input order, the label or target columns, the task
 * and, for classification, the class names in class order (empty for regression). {@code source} names
 * the training file in messages.
 */
public record TableSchema(String source, List<String> header, List<String> features, List<String> labels, Task task,
                          List<String> classes) {
    public TableSchema {
        header = List.copyOf(header);
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        classes = List.copyOf(classes);
        if (!header.containsAll(features) || !header.containsAll(labels)) {
            throw new IllegalArgumentException("features and labels must be columns of the header");
        }
        if (task == Task.CLASSIFICATION && (labels.size() != 1 || classes.size() < 2)) {
            throw new IllegalArgumentException("classification needs one label column and at least two classes");
        }
    }
}
