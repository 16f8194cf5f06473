package dev.descent.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.RegressionTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
    @TempDir
    Path dir;

    private Path csv(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static String failure(Executable read, String... parts) {
        DescentException e = assertThrows(DescentException.class, read);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "message must be one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
        return message;
    }

    private static Table classification(Path file) {
        return CsvTableReader.readTraining(file, TableColumns.DEFAULT, Task.CLASSIFICATION);
    }

    private Path iris() throws IOException {
        return csv("iris.csv",
                "sepal_length,sepal_width,species",
                "5.1,3.5,setosa",
                "7.0,3.2,versicolor",
                "6.3,3.3,virginica",
                "4.9,3.0,setosa");
    }

    @Test
    void readsFeaturesRowMajorAndTheLastColumnAsSortedClasses() throws IOException {
        Samples s = classification(iris()).samples();
        assertEquals(4, s.count());
        assertEquals(2, s.width());
        assertEquals(List.of("sepal_length", "sepal_width"), s.featureNames());
        assertArrayEquals(new float[] {5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f}, s.features());
        ClassTargets targets = assertInstanceOf(ClassTargets.class, s.targets());
        assertEquals(List.of("setosa", "versicolor", "virginica"), targets.classes());
        assertArrayEquals(new int[] {0, 1, 2, 0}, targets.index());
    }

    @Test
    void integerLabelsSortByValueSoTenComesAfterNine() throws IOException {
        Path file = csv("digits.csv", "x,label", "1,10", "2,9", "3,2", "4,10");
        ClassTargets targets = (ClassTargets) classification(file).samples().targets();
        assertEquals(List.of("2", "9", "10"), targets.classes());
        assertArrayEquals(new int[] {2, 1, 0, 2}, targets.index());
    }

    @Test
    void picksTheLabelAndFeatureColumnsByHeaderNameInTheOrderGiven() throws IOException {
        Path file = csv("t.csv", "id,a,class,b,c", "7,1,x,2,3", "8,4,y,5,6");
        Table table = CsvTableReader.readTraining(file, new TableColumns(List.of("class"), List.of("c", "a")),
                Task.CLASSIFICATION);
        assertEquals(List.of("c", "a"), table.samples().featureNames());
        assertArrayEquals(new float[] {3, 1, 6, 4}, table.samples().features());
        assertEquals(List.of("x", "y"), ((ClassTargets) table.samples().targets()).classes());
    }

    @Test
    void defaultFeaturesAreEveryColumnButTheLabel() throws IOException {
        Path file = csv("t.csv", "a,y,b", "1,p,2", "3,q,4");
        Samples s = CsvTableReader.readTraining(file, TableColumns.label("y"), Task.CLASSIFICATION).samples();
        assertEquals(List.of("a", "b"), s.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, s.features());
    }

    @Test
    void readsSeveralRegressionTargetsAsFloats() throws IOException {
        Path file = csv("r.csv", "x1,x2,y1,y2", "1,2,0.5,-3", "3,4,1.5,1e3");
        Samples s = CsvTableReader.readTraining(file, new TableColumns(List.of("y2", "y1"), List.of()),
                Task.REGRESSION).samples();
        assertEquals(List.of("x1", "x2"), s.featureNames());
        RegressionTargets targets = assertInstanceOf(RegressionTargets.class, s.targets());
        assertEquals(List.of("y2", "y1"), targets.names());
        assertArrayEquals(new float[] {-3f, 0.5f, 1000f, 1.5f}, targets.values());
    }

    @Test
    void acceptsQuotesSpacesCrlfABomAndEmptyLines() throws IOException {
        String text = "\uFEFF\"a\", b ,label\r\n\r\n \"1.5\" , 2 ,\"x, y\"\r\n\n3,4,z\r\n\r\n";
        Path file = Files.write(dir.resolve("odd.csv"), text.getBytes(StandardCharsets.UTF_8));
        Samples s = classification(file).samples();
        assertEquals(List.of("a", "b"), s.featureNames());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, s.features());
        assertEquals(List.of("x, y", "z"), ((ClassTargets) s.targets()).classes());
    }

    @Test
    void readsATestFileWithItsColumnsInAnotherOrderIntoTheTrainingOrder() throws IOException {
        Table training = classification(iris());
        Path test = csv("test.csv", "species,sepal_width,sepal_length", "virginica,3.0,6.0", "setosa,3.4,5.0");
        Samples s = CsvTableReader.readTest(test, training).samples();
        assertArrayEquals(new float[] {6.0f, 3.0f, 5.0f, 3.4f}, s.features());
        ClassTargets targets = (ClassTargets) s.targets();
        assertEquals(List.of("setosa", "versicolor", "virginica"), targets.classes());
        assertArrayEquals(new int[] {2, 0}, targets.index());
    }

    @Test
    void aTestFileMayLackSomeClasses() throws IOException {
        Table training = classification(iris());
        Path test = csv("test.csv", "sepal_length,sepal_width,species", "5,3,setosa");
        assertEquals(3, ((ClassTargets) CsvTableReader.readTest(test, training).samples().targets()).classes().size());
    }

    @Test
    void readsATestFileFromTheSchemaAModelRecords() throws IOException {
        Table training = classification(iris());
        TableSchema schema = training.schema();
        assertEquals(List.of("sepal_length", "sepal_width", "species"), schema.header());
        assertEquals(List.of("sepal_length", "sepal_width"), schema.features());
        assertEquals(List.of("species"), schema.labels());
        assertEquals(List.of("setosa", "versicolor", "virginica"), schema.classes());
        Path test = csv("test.csv", "species,sepal_length,sepal_width", "versicolor,6,3");
        Samples s = CsvTableReader.readTest(test, schema).samples();
        assertArrayEquals(new float[] {6, 3}, s.features());
        assertArrayEquals(new int[] {1}, ((ClassTargets) s.targets()).index());
    }

    @Test
    void readsInputsToPredictInTheModelsOrderSkippingTheLabelAndOtherColumns() throws IOException {
        TableSchema schema = classification(iris()).schema();
        Path input = csv("input.csv", "id,sepal_width,sepal_length", "a,3.1,5.5", "b,2.9,6.5");
        TableInputs inputs = CsvTableReader.readInputs(input, schema);
        assertEquals(2, inputs.count());
        assertEquals(List.of("sepal_length", "sepal_width"), inputs.featureNames());
        assertArrayEquals(new float[] {5.5f, 3.1f, 6.5f, 2.9f}, inputs.features());
        Path withLabel = csv("labelled.csv", "sepal_length,sepal_width,species", "5,3,unknown-class");
        assertArrayEquals(new float[] {5, 3}, CsvTableReader.readInputs(withLabel, schema).features());
    }

    @Test
    void rejectsInputsToPredictWithoutAFeatureColumnOfTheModel() throws IOException {
        TableSchema schema = classification(iris()).schema();
        Path input = csv("input.csv", "sepal_length,petal_width", "5,3");
        failure(() -> CsvTableReader.readInputs(input, schema), input.toString(), "line 1",
                "no column 'sepal_width', an input of the model", "sepal_length, sepal_width");
    }

    @Test
    void readsManyRowsAcrossStorageChunks() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c,label\n");
        int rows = 200_000;
        for (int i = 0; i < rows; i++) text.append(i).append(',').append(-i).append(",0.5,").append(i % 3).append('\n');
        Path file = Files.writeString(dir.resolve("many.csv"), text);
        Samples s = classification(file).samples();
        assertEquals(rows, s.count());
        for (int i = 0; i < rows; i += 9_973) {
            assertEquals(i, s.features()[i * 3]);
            assertEquals(-i, s.features()[i * 3 + 1]);
            assertEquals(i % 3, ((ClassTargets) s.targets()).of(i));
        }
    }

    // ---- bad input: one line, naming the file, the line and the column

    @Test
    void rejectsAnEmptyFeatureCell() throws IOException {
        Path file = csv("t.csv", "a,b,label", "1,2,x", "3,,y");
        failure(() -> classification(file), file.toString(), "line 3", "column 2 'b'", "empty");
    }

    @Test
    void rejectsANonNumericFeatureCell() throws IOException {
        Path file = csv("t.csv", "a,b,label", "1,2,x", "3,abc,y");
        failure(() -> classification(file), file.toString(), "line 3", "column 2 'b'", "'abc' is not a finite number");
    }

    @Test
    void rejectsNotANumberAndInfinityAndOverflowInAFeatureCell() throws IOException {
        for (String bad : List.of("NaN", "Infinity", "-Infinity", "1e39")) {
            Path file = csv("t.csv", "a,label", "1,x", bad + ",y");
            failure(() -> classification(file), "line 3", "column 1 'a'", "'" + bad + "' is not a finite number");
        }
    }

    @Test
    void rejectsARowWithTooFewCells() throws IOException {
        Path file = csv("t.csv", "a,b,label", "1,2,x", "3,y");
        failure(() -> classification(file), file.toString(), "line 3", "has 2 cells", "names 3 columns");
    }

    @Test
    void rejectsARowWithTooManyCells() throws IOException {
        Path file = csv("t.csv", "a,b,label", "1,2,x,9,9", "3,4,y");
        failure(() -> classification(file), file.toString(), "line 2", "has 5 cells", "names 3 columns");
    }

    @Test
    void rejectsAnUnknownLabelColumnListingTheColumns() throws IOException {
        Path file = iris();
        failure(() -> CsvTableReader.readTraining(file, TableColumns.label("specie"), Task.CLASSIFICATION),
                file.toString(), "line 1", "no column 'specie'", "data.label", "sepal_length, sepal_width, species");
    }

    @Test
    void rejectsAnUnknownFeatureColumn() throws IOException {
        Path file = iris();
        failure(() -> CsvTableReader.readTraining(file, new TableColumns(List.of(), List.of("petal_length")),
                Task.CLASSIFICATION), file.toString(), "line 1", "no column 'petal_length'", "data.features");
    }

    @Test
    void rejectsAColumnThatIsBothLabelAndFeature() throws IOException {
        Path file = iris();
        failure(() -> CsvTableReader.readTraining(file, new TableColumns(List.of("species"), List.of("species")),
                Task.CLASSIFICATION), file.toString(), "'species' is named in data.label and in data.features");
        failure(() -> CsvTableReader.readTraining(file, new TableColumns(List.of(), List.of("species")),
                Task.CLASSIFICATION), "'species' is the label (the last column, as data.label is not set)");
    }

    @Test
    void rejectsAColumnNamedTwiceInTheSelection() {
        failure(() -> new TableColumns(List.of(), List.of("a", "b", "a")), "data.features", "'a' twice",
                "entries 1 and 3");
    }

    @Test
    void rejectsSeveralLabelColumnsForClassification() throws IOException {
        Path file = csv("t.csv", "a,b,c", "1,2,3", "4,5,6");
        failure(() -> CsvTableReader.readTraining(file, new TableColumns(List.of("b", "c"), List.of()),
                Task.CLASSIFICATION), file.toString(), "one label column", "task: regression");
    }

    @Test
    void rejectsATableWithoutFeatureColumns() throws IOException {
        Path file = csv("t.csv", "label", "x", "y");
        failure(() -> classification(file), file.toString(), "no feature columns");
    }

    @Test
    void rejectsADuplicateHeaderNamingBothColumns() throws IOException {
        Path file = csv("t.csv", "a,b,a,label", "1,2,3,x");
        failure(() -> classification(file), file.toString(), "line 1", "column 3", "duplicate column name 'a'",
                "also column 1");
    }

    @Test
    void rejectsAHeaderCellWithoutAName() throws IOException {
        Path file = csv("t.csv", "a,,label", "1,2,x");
        failure(() -> classification(file), file.toString(), "line 1", "column 2", "names no column");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "");
        failure(() -> classification(file), file.toString(), "is empty", "header");
        Path blank = Files.writeString(dir.resolve("blank.csv"), "\n\n  \n");
        failure(() -> classification(blank), blank.toString(), "is empty");
    }

    @Test
    void rejectsAHeaderWithoutRows() throws IOException {
        Path file = csv("t.csv", "a,b,label");
        failure(() -> classification(file), file.toString(), "header (line 1)", "no data rows");
    }

    @Test
    void rejectsASingleClass() throws IOException {
        Path file = csv("t.csv", "a,label", "1,x", "2,x");
        failure(() -> classification(file), file.toString(), "class 'x'", "column 2 'label'", "at least two classes");
    }

    @Test
    void rejectsAnEmptyClassLabel() throws IOException {
        Path file = csv("t.csv", "a,label", "1,x", "2,\"\"");
        failure(() -> classification(file), file.toString(), "line 3", "column 2 'label'", "label is empty");
    }

    @Test
    void rejectsATestClassUnseenInTraining() throws IOException {
        Table training = classification(iris());
        Path test = csv("test.csv", "sepal_length,sepal_width,species", "5,3,setosa", "6,3,virginca");
        failure(() -> CsvTableReader.readTest(test, training), test.toString(), "line 3", "column 3 'species'",
                "class 'virginca'", "setosa, versicolor, virginica");
    }

    @Test
    void rejectsTestColumnsThatDifferFromTraining() throws IOException {
        Table training = classification(iris());
        Path test = csv("test.csv", "sepal_length,petal_width,species", "5,3,setosa");
        failure(() -> CsvTableReader.readTest(test, training), test.toString(), "line 1",
                "differ from those of the training data", "missing sepal_width",
                "not in the training data petal_width");
    }

    @Test
    void rejectsARegressionTargetThatIsNotANumber() throws IOException {
        Path file = csv("r.csv", "x,y", "1,2.5", "2,high");
        failure(() -> CsvTableReader.readTraining(file, TableColumns.DEFAULT, Task.REGRESSION), file.toString(),
                "line 3", "column 2 'y'", "regression target 'high' is not a finite number");
    }

    @Test
    void rejectsAnUnclosedQuote() throws IOException {
        Path file = csv("t.csv", "a,label", "1,x", "2,\"y");
        failure(() -> classification(file), file.toString(), "not valid CSV", "quote");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() throws IOException {
        byte[] bytes = {'a', ',', 'l', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        Path file = Files.write(dir.resolve("latin.csv"), bytes);
        failure(() -> classification(file), file.toString(), "not UTF-8");
    }

    @Test
    void rejectsAFolderAndAMissingFile() throws IOException {
        failure(() -> classification(dir), dir.toString(), "is a folder");
        Path missing = dir.resolve("missing.csv");
        failure(() -> classification(missing), missing.toString(), "does not exist");
    }

    @Test
    void showsAtMostFortyCharactersOfABadCell() throws IOException {
        String longCell = "x".repeat(500);
        Path file = csv("t.csv", "a,label", longCell + ",y");
        String message = failure(() -> classification(file), "x".repeat(40) + "...");
        assertTrue(message.length() < 300, message);
    }
}
