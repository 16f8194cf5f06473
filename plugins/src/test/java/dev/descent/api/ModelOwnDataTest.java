package dev.descent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Model} on models of a CSV table: it takes the cells as the table holds them, applies the
 * normalisation the model file records, names the classes (or targets) the data named, and gives a
 * regression's outputs in the targets' units: the numbers {@code descent predict} writes for the same rows.
 */
class ModelOwnDataTest {
    @TempDir
    Path dir;

    @Test
    void aClassifierOfATableTakesRawCellsAndNamesItsClassesAsPredictDoes() throws IOException {
        Path run = train("classification", "rows");
        Model model = Model.load(run);
        assertEquals(2, model.inputSize());
        assertEquals(List.of("large", "old", "small"), model.labels());
        assertSamePredictions(model, run, 1);
    }

    @Test
    void aRegressionOfATablePredictsInTheTargetsUnitsAndHasNoClasses() throws IOException {
        Path run = train("regression", "prices");
        Model model = Model.load(run);
        assertEquals(List.of("label"), model.labels());
        assertSamePredictions(model, run, 0);
        assertThrows(IllegalStateException.class, () -> model.classify(new float[] {50, 10}));
    }

    /** Model's outputs for each row of the training table against the columns {@code descent predict} writes. */
    private void assertSamePredictions(Model model, Path run, int firstOutputColumn) throws IOException {
        Path csv = dir.resolve("table.csv");
        Path predictions = dir.resolve("predictions.csv");
        Cli.Result predict = Cli.run("predict", run.toString(), csv.toString(), "--out", predictions.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> rows = Files.readAllLines(csv);
        List<String> expected = Files.readAllLines(predictions);
        float[][] inputs = new float[rows.size() - 1][];
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            inputs[i - 1] = new float[] {Float.parseFloat(cells[0]), Float.parseFloat(cells[1])};
        }
        float[][] batch = model.predict(inputs);
        for (int i = 0; i < inputs.length; i++) {
            String[] want = expected.get(i + 1).split(",");
            float[] one = model.predict(inputs[i]);
            for (int j = 0; j < model.outputSize(); j++) {
                float w = Float.parseFloat(want[firstOutputColumn + j]);
                assertEquals(w, one[j], "row " + (i + 1) + " output " + j);
                assertEquals(w, batch[i][j], "row " + (i + 1) + " output " + j + " in a batch");
            }
            if (firstOutputColumn == 1) assertEquals(want[0], model.labels().get(model.classify(inputs[i])));
        }
    }

    private Path train(String task, String name) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder rows = new StringBuilder("size,age,label\n");
        for (int i = 0; i < 300; i++) {
            double size = random.nextDouble(20, 200);
            double age = random.nextDouble(0, 80);
            String label = task.equals("regression") ? Double.toString(1000 * size - 50 * age + 3000)
                    : size > 100 ? "large" : age > 40 ? "old" : "small";
            rows.append((float) size).append(',').append((float) age).append(',').append(label).append('\n');
        }
        Files.writeString(dir.resolve("table.csv"), rows);
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                task: %s
                data: {format: csv, train: table.csv, label: label, normalize: standard}
                network: {layers: [auto, 8, auto]}
                training: {epochs: 5, learning-rate: 0.5}
                """.formatted(task));
        Path run = dir.resolve(name);
        Cli.Result trained = Cli.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")));
        return run;
    }
}
