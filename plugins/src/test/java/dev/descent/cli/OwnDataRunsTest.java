package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own data through the rest of a run's life, as on MNIST: a resumed run ends with the bits of an
 * uninterrupted one, a validation set and early stopping work, a sweep ranks a regression by its test
 * error, and report rewrites the report from the run folder alone.
 */
class OwnDataRunsTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeATable() throws IOException {
        AreasTable.write(dir.resolve("areas.csv"), 600);
        config = Files.writeString(dir.resolve("areas.yaml"), """
                seed: 4
                task: regression
                data: {format: csv, train: areas.csv, validation: 100}
                network: {layers: [auto, 12, auto], activation: tanh}
                training: {epochs: 4, learning-rate: 0.01, optimizer: adam}
                """);
    }

    @Test
    void aResumedRunEndsWithTheBitsOfAnUninterruptedOne() {
        Path straight = dir.resolve("straight");
        assertEquals(0, Cli.run("train", config.toString(), "--out", straight.toString(), "--quiet").exitCode());
        Path resumed = dir.resolve("resumed");
        Cli.Result first = Cli.run("train", config.toString(), "--out", resumed.toString(), "--quiet", "--set",
                "training.epochs=2");
        assertEquals(0, first.exitCode(), first.err());
        Cli.Result rest = Cli.run("train", config.toString(), "--resume", resumed.toString(), "--quiet", "--set",
                "training.epochs=4");
        assertEquals(0, rest.exitCode(), rest.err());
        Network a = ModelFile.read(straight.resolve("model.safetensors")).network();
        Network b = ModelFile.read(resumed.resolve("model.safetensors")).network();
        for (int l = 1; l < a.depth(); l++) assertArrayEquals(a.weights(l), b.weights(l), 0f, "layer " + l);
    }

    @Test
    void earlyStoppingWatchesTheValidationCostAndTheSummaryHoldsTheErrors() throws IOException {
        Path run = dir.resolve("early");
        Cli.Result r = Cli.run("train", config.toString(), "--out", run.toString(), "--quiet", "--set",
                "training.early-stop={metric: validation-cost, patience: 1}", "--set", "training.epochs=30");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.has("test_rmse") && summary.has("test_mae") && summary.has("test_r2"), summary.toString());
        assertTrue(summary.has("validation_cost") && !summary.has("test_accuracy"), summary.toString());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(metrics.getFirst().endsWith(",validation_cost,validation_accuracy,test_rmse,test_mae,test_r2"),
                metrics.getFirst());

        String before = Files.readString(run.resolve("report.html"));
        assertTrue(before.contains("Predictions (test set)") && before.contains("residuals: area"), "charts");
        Files.delete(run.resolve("report.html"));
        Cli.Result report = Cli.run("report", run.toString(), "--quiet");
        assertEquals(0, report.exitCode(), report.err());
        assertEquals(before, Files.readString(run.resolve("report.html")), "the same report, byte for byte");
    }

    @Test
    void aPictureFolderModelPredictsClassNamesAndIsEvaluatedOnAnotherFolder() throws IOException {
        for (String split : List.of("train", "test")) {
            for (int i = 0; i < (split.equals("train") ? 20 : 5); i++) {
                square(dir.resolve("pictures/" + split + "/dark/" + i + ".png"), 40 + i);
                square(dir.resolve("pictures/" + split + "/light/" + i + ".png"), 215 - i);
            }
        }
        Path pictures = Files.writeString(dir.resolve("pictures.yaml"), """
                data: {format: images, train: pictures/train, test: pictures/test, image: {width: 3, height: 3}}
                network: {layers: [auto, 4, auto]}
                training: {epochs: 20, learning-rate: 1.0}
                """);
        Path run = dir.resolve("pictures-run");
        Cli.Result r = Cli.run("train", pictures.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        Path picture = dir.resolve("pictures/test/light/0.png");
        Cli.Result predict = Cli.run("predict", run.toString(), picture.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().startsWith(picture + ": light  outputs"), predict.out());
        Cli.Result eval = Cli.run("eval", run.resolve("model.safetensors").toString(), "--test",
                dir.resolve("pictures/test").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("accuracy   1.0000  (10 of 10 right)"), eval.out());
        assertTrue(eval.out().contains("classes: 0 dark, 1 light"), eval.out());
    }

    /** A 6x6 grey picture of one value, scaled to 3x3 by the model's reader. */
    private static void square(Path file, int grey) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
        int[] samples = new int[36];
        Arrays.fill(samples, grey);
        image.getRaster().setSamples(0, 0, 6, 6, 0, samples);
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void aSweepRanksARegressionByItsTestError() throws IOException {
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), """
                base: areas.yaml
                set: {training.epochs: 2}
                grid: {training.learning-rate: [0.001, 0.01]}
                metric: test_rmse
                """);
        Path out = dir.resolve("sweep");
        Cli.Result r = Cli.run("sweep", sweep.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        List<String> trials = Files.readAllLines(out.resolve("trials.csv"));
        assertTrue(trials.getFirst().contains("test_rmse,test_mae,test_r2"), trials.getFirst());
        assertEquals(3, trials.size());
        assertTrue(Files.readString(out.resolve("best.yaml")).contains("learning-rate"), "best.yaml written");

        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), """
                base: areas.yaml
                grid: {training.learning-rate: [0.001, 0.01]}
                metric: test_accuracy
                """);
        Cli.Result refused = Cli.run("sweep", wrong.toString(), "--out", dir.resolve("wrong").toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("rank by test_rmse"), refused.err());
    }
}
