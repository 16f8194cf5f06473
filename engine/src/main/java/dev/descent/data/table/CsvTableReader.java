package dev.descent.data.table;

import dev.descent.DescentException;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.RegressionTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Targets;
import dev.descent.data.samples.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV table with a header line into samples: every feature cell must be a finite number, every
 * row must have one cell per header column, a classification label may be any text (the classes are
 * the distinct labels, in {@link dev.descent.data.samples.ClassNames} order), a regression target must
 * be a number. The features are stored once, as float32, in the order of {@link TableLayout#featureNames()}.
 */
public final class CsvTableReader {
    private static final int SHOWN_CHARS = 40;
    private static final int SHOWN_CLASSES = 20;

    private final CsvCursor cursor;
    private final Path file;

    private CsvTableReader(CsvCursor cursor) {
        this.cursor = cursor;
        this.file = cursor.file();
    }

    /** Reads the training table {@code file}, taking its columns as {@code columns} says, for {@code task}. */
    public static Table readTraining(Path file, TableColumns columns, Task task) {
        try (CsvCursor cursor = CsvCursor.open(file)) {
            CsvTableReader reader = new CsvTableReader(cursor);
            Header header = reader.header();
            TableLayout layout = TableLayout.resolve(file, header.line(), header.names(), columns, task);
            ClassCoder classes = task == Task.CLASSIFICATION ? ClassCoder.learning() : null;
            Table table = reader.rows(header, layout, classes).table(file, layout);
            if (classes != null && classes.size() < 2) {
                throw new DescentException(("%s: every row has class '%s' in %s; classification needs at least two"
                        + " classes").formatted(file, shown(classes.classes().getFirst()),
                        layout.describe(layout.labelColumns()[0])));
            }
            return table;
        }
    }

    /**
     * Reads the test table {@code file} for a model trained on {@code training}: it must have the same
     * columns (in any order), and every class it names must occur in the training data.
     */
    public static Table readTest(Path file, Table training) {
        return readTest(file, training.schema());
    }

    /** Reads the test table {@code file} for a model whose training table is described by {@code schema}. */
    public static Table readTest(Path file, TableSchema schema) {
        try (CsvCursor cursor = CsvCursor.open(file)) {
            CsvTableReader reader = new CsvTableReader(cursor);
            Header header = reader.header();
            TableLayout layout = TableLayout.matching(file, header.line(), header.names(), schema);
            ClassCoder classes = schema.task() == Task.CLASSIFICATION ? ClassCoder.of(schema.classes()) : null;
            return reader.rows(header, layout, classes).table(file, layout);
        }
    }

    /**
     * Reads the inputs of {@code file} for {@code descent predict} with a model whose training table is
     * described by {@code schema}: the model's feature columns, in its input order; other columns, the
     * label's included, are skipped.
     */
    public static TableInputs readInputs(Path file, TableSchema schema) {
        try (CsvCursor cursor = CsvCursor.open(file)) {
            CsvTableReader reader = new CsvTableReader(cursor);
            Header header = reader.header();
            TableLayout layout = TableLayout.inputs(file, header.line(), header.names(), schema);
            Rows rows = reader.rows(header, layout, null);
            return new TableInputs(file, layout.featureNames(), rows.count(), rows.features());
        }
    }

    private record Header(int line, List<String> names) {
    }

    private Header header() {
        if (!cursor.nextRow()) {
            throw new DescentException(file + " is empty; expected a header line naming the columns,"
                    + " then one row per sample");
        }
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int line = -1;
        while (cursor.nextCell()) {
            if (line < 0) line = cursor.line();
            String name = cursor.text();
            int column = names.size() + 1;
            if (name.isEmpty()) {
                throw new DescentException(("%s line %d, column %d: the header names no column here;"
                        + " every column needs a name")
                        .formatted(file, line, column));
            }
            Integer before = seen.putIfAbsent(name, column);
            if (before != null) {
                throw new DescentException(("%s line %d, column %d: duplicate column name '%s' (also column %d);"
                        + " every column needs its own name")
                        .formatted(file, line, column, shown(name), before));
            }
            names.add(name);
        }
        return new Header(line, names);
    }

    /** The rows read: {@code targets} is null when the layout has no label columns (inputs to predict). */
    private record Rows(int count, float[] features, Targets targets) {
        Table table(Path file, TableLayout layout) {
            int width = layout.featureColumns().length;
            return new Table(file, layout,
                    new Samples(file.toString(), layout.featureNames(), count, width, features, targets));
        }
    }

    /**
     * The data rows after the header, read as {@code layout} says: class labels when {@code classes} is not
     * null, else regression targets when the layout has label columns, else inputs only.
     */
    private Rows rows(Header header, TableLayout layout, ClassCoder classes) {
        int columns = header.names().size();
        int[] roles = layout.roles();
        int width = layout.featureColumns().length;
        int targetsPerRow = layout.labelColumns().length;
        GrowingFloats features = new GrowingFloats(width);
        GrowingFloats values = classes == null && targetsPerRow > 0 ? new GrowingFloats(targetsPerRow) : null;
        ClassCoder.Codes codes = classes == null ? null : new ClassCoder.Codes();
        while (cursor.nextRow()) {
            int at = features.addRow();
            int targetAt = values == null ? 0 : values.addRow();
            if (at < 0 || targetAt < 0) {
                throw new DescentException(("%s line %d: the table has more than %,d values;"
                        + " that is more than one Java array holds")
                        .formatted(file, cursor.line(), GrowingFloats.MAX_VALUES));
            }
            float[] row = features.current();
            int column = 0;
            while (cursor.nextCell()) {
                if (column == columns) {
                    int line = cursor.line();
                    int cells = column + 1;
                    while (cursor.nextCell()) cells++;
                    throw ragged(header, cells, line);
                }
                int role = roles[column];
                if (role >= 0) {
                    row[at + role] = number(header, layout, column, "feature cell");
                } else if (role != TableLayout.SKIPPED) {
                    if (values != null) {
                        values.current()[targetAt + (-1 - role)] = number(header, layout, column, "regression target");
                    } else {
                        codes.add(classCode(header, layout, column, classes));
                    }
                }
                column++;
            }
            if (column != columns) throw ragged(header, column, cursor.line());
        }
        if (features.rows() == 0) {
            throw new DescentException("%s has a header (line %d) but no data rows; expected one row per sample"
                    .formatted(file, header.line()));
        }
        int count = (int) features.rows();
        Targets targets = null;
        if (classes != null) {
            int[] index = codes.toArray();
            classes.finish(index);
            targets = new ClassTargets(classes.classes(), index);
        } else if (values != null) {
            targets = new RegressionTargets(layout.labelNames(), values.toArray());
        }
        return new Rows(count, features.toArray(), targets);
    }

    private float number(Header header, TableLayout layout, int column, String what) {
        int length = cursor.length();
        float value = length == 0 ? Float.NaN : CellNumbers.parse(cursor.chars(), cursor.offset(), length);
        if (Float.isNaN(value)) {
            String problem = length == 0 ? "is empty; a number is needed"
                    : "'%s' is not a finite number".formatted(shown(cursor.text()));
            throw cellError(header, layout, column, what + " " + problem);
        }
        return value;
    }

    private int classCode(Header header, TableLayout layout, int column, ClassCoder classes) {
        String label = cursor.text();
        if (label.isEmpty()) throw cellError(header, layout, column, "the label is empty; every row needs a class");
        int code = classes.code(label);
        if (code < 0) {
            throw cellError(header, layout, column, "class '%s' does not occur in the training data; its classes are %s"
                    .formatted(shown(label), classes.describe(SHOWN_CLASSES)));
        }
        return code;
    }

    /**
     * The error for the current cell; but when its row has the wrong number of cells, the error for the
     * row instead: a missing comma shifts every later cell, and the count is the real problem.
     */
    private DescentException cellError(Header header, TableLayout layout, int column, String problem) {
        int line = cursor.line();
        int cells = column + 1;
        while (cursor.nextCell()) cells++;
        if (cells != header.names().size()) return ragged(header, cells, line);
        return new DescentException("%s line %d, %s: %s".formatted(file, line, layout.describe(column), problem));
    }

    private DescentException ragged(Header header, int cells, int line) {
        return new DescentException("%s line %d: the row has %d cells but the header (line %d) names %d columns"
                .formatted(file, line, cells, header.line(), header.names().size()));
    }

    /** A cell's text as messages show it: at most {@value #SHOWN_CHARS} characters. */
    static String shown(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
