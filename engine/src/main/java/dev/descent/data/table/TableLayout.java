package dev.descent.data.table;

import dev.descent.DescentException;
import dev.descent.data.samples.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A {@link TableColumns} choice resolved against one file's header: the header's names in file order,
 * and for each input and each target the index of the column it is read from. Feature j of a sample is
 * read from column {@code featureColumns[j]}; target t from column {@code labelColumns[t]}. Columns
 * that are neither are skipped.
 */
public record TableLayout(List<String> header, int[] featureColumns, int[] labelColumns) {
    /** Marks a column that is read by nobody in {@link #roles()}. */
    static final int SKIPPED = Integer.MIN_VALUE;

    public TableLayout {
        header = List.copyOf(header);
    }

    /** The names of the feature columns, in input order. */
    public List<String> featureNames() {
        return Arrays.stream(featureColumns).mapToObj(header::get).toList();
    }

    /** The names of the label or target columns, in target order. */
    public List<String> labelNames() {
        return Arrays.stream(labelColumns).mapToObj(header::get).toList();
    }

    /**
     * For each column of the file: its input index (>= 0), {@code -1 - t} for target t, or {@link
     * #SKIPPED}; what the reading loop looks up once per cell.
     */
    int[] roles() {
        int[] roles = new int[header.size()];
        Arrays.fill(roles, SKIPPED);
        for (int j = 0; j < featureColumns.length; j++) roles[featureColumns[j]] = j;
        for (int t = 0; t < labelColumns.length; t++) roles[labelColumns[t]] = -1 - t;
        return roles;
    }

    /** "column 3 'petal_length'": how messages name column {@code index}. */
    String describe(int index) {
        return "column %d '%s'".formatted(index + 1, header.get(index));
    }

    /**
     * Resolves {@code columns} against the header of a training file. Fails, naming the file, when a
     * named column does not exist, a column is both a label and a feature, classification names more
     * than one label, or no feature column is left.
     */
    static TableLayout resolve(Path file, int headerLine, List<String> header, TableColumns columns, Task task) {
        Map<String, Integer> index = indexOf(header);
        int[] labels;
        if (columns.labels().isEmpty()) {
            labels = new int[] {header.size() - 1};
        } else {
            labels = new int[columns.labels().size()];
            for (int t = 0; t < labels.length; t++) {
                labels[t] = find(file, headerLine, header, index, columns.labels().get(t), "label",
                        columns.describe("data.label"));
            }
        }
        if (task == Task.CLASSIFICATION && labels.length > 1) {
            throw new DescentException(("%s: classification takes one label column, but data.label names %d (%s);"
                    + " several target columns need task: regression")
                    .formatted(file, labels.length, String.join(", ", columns.labels())));
        }
        Set<Integer> labelSet = new LinkedHashSet<>();
        for (int l : labels) labelSet.add(l);
        int[] features;
        if (columns.features().isEmpty()) {
            features = IntStream.range(0, header.size()).filter(c -> !labelSet.contains(c)).toArray();
        } else {
            features = new int[columns.features().size()];
            for (int j = 0; j < features.length; j++) {
                String name = columns.features().get(j);
                features[j] = find(file, headerLine, header, index, name, "feature", columns.describe("data.features"));
                if (labelSet.contains(features[j])) {
                    String label = columns.labels().isEmpty()
                            ? "is the label (the last column, as data.label is not set)" : "is named in data.label";
                    throw new DescentException(("%s line %d: column '%s' %s and in data.features;"
                            + " a column is either a target or an input")
                            .formatted(file, headerLine, name, label));
                }
            }
        }
        if (features.length == 0) {
            throw new DescentException("%s line %d: no feature columns are left: the header names only %s, the %s"
                    .formatted(file, headerLine, String.join(", ", header), labels.length == 1 ? "label" : "targets"));
        }
        return new TableLayout(header, features, labels);
    }

    /**
     * The layout of a test file for a model trained as {@code schema} says: the test file must have the
     * training file's columns, in any order, and each input and target is read from its column of the
     * same name.
     */
    static TableLayout matching(Path file, int headerLine, List<String> testHeader, TableSchema schema) {
        Set<String> missing = new LinkedHashSet<>(schema.header());
        testHeader.forEach(missing::remove);
        Set<String> extra = new LinkedHashSet<>(testHeader);
        schema.header().forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) parts.add("missing " + String.join(", ", missing));
            if (!extra.isEmpty()) parts.add("not in the training data " + String.join(", ", extra));
            throw new DescentException("%s line %d: its columns differ from those of the training data %s (%s): %s"
                    .formatted(file, headerLine, schema.source(), String.join(", ", schema.header()),
                            String.join("; ", parts)));
        }
        Map<String, Integer> index = indexOf(testHeader);
        int[] features = schema.features().stream().mapToInt(index::get).toArray();
        int[] labels = schema.labels().stream().mapToInt(index::get).toArray();
        return new TableLayout(testHeader, features, labels);
    }

    /**
     * The layout of a file of inputs to predict for a model trained as {@code schema} says: every feature
     * column must be there; any other column (the label, an id) is skipped.
     */
    static TableLayout inputs(Path file, int headerLine, List<String> header, TableSchema schema) {
        Map<String, Integer> index = indexOf(header);
        int[] features = new int[schema.features().size()];
        for (int j = 0; j < features.length; j++) {
            String name = schema.features().get(j);
            Integer c = index.get(name);
            if (c == null) {
                throw new DescentException(("%s line %d: no column '%s', an input of the model (trained on %s);"
                        + " it reads the columns %s").formatted(file, headerLine, name, schema.source(),
                        String.join(", ", schema.features())));
            }
            features[j] = c;
        }
        return new TableLayout(header, features, new int[0]);
    }

    private static Map<String, Integer> indexOf(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) index.put(header.get(c), c);
        return index;
    }

    private static int find(Path file, int headerLine, List<String> header, Map<String, Integer> index, String name,
                            String role, String key) {
        Integer c = index.get(name);
        if (c == null) {
            throw new DescentException("%s line %d: no column '%s' for the %s at %s; the columns are: %s"
                    .formatted(file, headerLine, name, role, key, String.join(", ", header)));
        }
        return c;
    }
}
