package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 2 of issue 13: regressions on data with a known answer, through the command line. Features
 * on very different scales (x1 in [0, 1000], x2 in [-1, 1]) are standardised from the training rows,
 * targets standardised and mapped back, so that every error is in the target's own units: a linear
 * function plus Gaussian noise of standard deviation 0.5 is learnt to within the noise, a nonlinear one
 * to a small error, and two targets at once; eval and predict give the same figures from the model file.
 */
class RegressionTest {
    private static final int TRAIN = 2000;
    private static final int TEST = 500;

    @TempDir
    Path dir;

    @Test
    void aLinearFunctionPlusNoiseIsLearntToTheNoise() throws IOException {
        table("linear", (x1, x2) -> 0.01 * x1 - 3 * x2 + 20, 0.5);
        JsonNode summary = train("linear", "y", "[auto, 8, auto]", 20);
        double rmse = summary.get("test_rmse").asDouble();
        assertTrue(rmse > 0.4 && rmse < 0.6, "the noise is 0.5; rmse " + rmse);
        assertTrue(summary.get("test_r2").asDouble() > 0.97, summary.toString());
        assertTrue(summary.get("test_mae").asDouble() < rmse, summary.toString());
    }

    @Test
    void aNonlinearFunctionIsLearntToASmallError() throws IOException {
        // y = 2 sin(x1 / 160) + x2^2: a full sine period over x1's range, a parabola in x2.
        table("sine", (x1, x2) -> 2 * Math.sin(x1 / 160) + x2 * x2, 0);
        JsonNode summary = train("sine", "y", "[auto, 32, auto]", 60);
        double rmse = summary.get("test_rmse").asDouble();
        // The target's own spread is about 1.5: a linear fit leaves most of it.
        assertTrue(rmse < 0.05, "rmse " + rmse);
        assertTrue(summary.get("test_r2").asDouble() > 0.999, summary.toString());
    }

    @Test
    void twoTargetsAreLearntTogetherAndPredictedInTheirUnits() throws IOException {
        Path csv = dir.resolve("two.csv");
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder rows = new StringBuilder("x1,x2,sum,difference\n");
        for (int i = 0; i < TRAIN + TEST; i++) {
            double x1 = random.nextDouble(0, 1000);
            double x2 = random.nextDouble(-1, 1);
            rows.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", x1, x2, x1 + 100 * x2, x1 - 100 * x2));
        }
        Files.writeString(csv, rows);
        JsonNode summary = train("two", "[sum, difference]", "[auto, 8, auto]", 20);
        assertTrue(summary.get("test_rmse").asDouble() < 10, summary.toString());
        assertTrue(summary.get("test_r2").asDouble() > 0.999, summary.toString());

        Path inputs = Files.writeString(dir.resolve("inputs.csv"), "x2,x1\n0.5,200\n-1,900\n");
        Path out = dir.resolve("predictions.csv");
        Cli.Result r = Cli.run("predict", dir.resolve("run-two").toString(), inputs.toString(), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("sum,difference", lines.getFirst());
        assertEquals(3, lines.size());
        double[] first = cells(lines.get(1));
        assertEquals(250, first[0], 15, lines.get(1));
        assertEquals(150, first[1], 15, lines.get(1));
        double[] second = cells(lines.get(2));
        assertEquals(800, second[0], 15, lines.get(2));
        assertEquals(1000, second[1], 15, lines.get(2));
    }

    private static double[] cells(String line) {
        return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** TRAIN + TEST rows of x1, x2 and y = f(x1, x2) plus Gaussian noise of {@code noise}. */
    private void table(String name, DoubleBinaryOperator f, double noise) throws IOException {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        StringBuilder rows = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < TRAIN + TEST; i++) {
            double x1 = random.nextDouble(0, 1000);
            double x2 = random.nextDouble(-1, 1);
            double y = f.applyAsDouble(x1, x2) + noise * gaussian(random);
            rows.append(String.format(Locale.ROOT, "%.4f,%.4f,%.5f%n", x1, x2, y));
        }
        Files.writeString(dir.resolve(name + ".csv"), rows);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private JsonNode train(String name, String label, String layers, int epochs) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                seed: 5
                task: regression
                data: {format: csv, train: %s.csv, label: %s, test-split: %s}
                network: {layers: %s, activation: tanh}
                training:
                  epochs: %d
                  batch-size: 10
                  learning-rate: {name: cosine, rate: 0.02, floor: 0.0005}
                  optimizer: adam
                """.formatted(name, label, (double) TEST / (TRAIN + TEST), layers, epochs));
        Path run = dir.resolve("run-" + name);
        Cli.Result r = Cli.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());

        // eval on the model file alone (its run's config.yaml beside it) gives the run's figures.
        Cli.Result eval = Cli.run("eval", run.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode figures = new ObjectMapper().readTree(eval.out());
        assertEquals(summary.get("test_rmse").asDouble(), figures.get("rmse").asDouble(), 1e-9, eval.out());
        return summary;
    }
}
