package dev.descent.data.table;

import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import java.nio.file.Path;
import java.util.List;

/** A CSV file as read: where it came from, which columns were read as what, and its samples. */
public record Table(Path file, TableLayout layout, Samples samples) {
    /** How to read more tables like this one: for test files, and for a model file to record. */
    public TableSchema schema() {
        List<String> classes = samples.targets() instanceof ClassTargets c ? c.classes() : List.of();
        return new TableSchema(file.toString(), layout.header(), layout.featureNames(), layout.labelNames(),
                samples.targets().task(), classes);
    }
}
