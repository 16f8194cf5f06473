package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.kernel.Activation;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent eval}: the figures a run reported, from its model file alone; bad input exits 2 naming the file. */
class EvalCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static Path run;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: {name: huber, delta: 0.25}
                training: {epochs: 3, batch-size: 10, learning-rate: 1.0}
                """);
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static void assertBadInput(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    @Test
    void reproducesTheAccuracyAndCostTheRunReported() throws IOException {
        Cli.Result r = Cli.run("eval", run.toString(), "--data", data.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode eval = JSON.readTree(r.out());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(summary.get("test_accuracy").asDouble(), eval.get("accuracy").asDouble(), 1e-12);
        // The Huber delta of 0.25 comes from the cost_parameters the model file records.
        assertEquals(summary.get("test_cost").asDouble(), eval.get("cost").asDouble(), 1e-9);
        assertEquals(20, eval.get("images").asInt());
    }

    @Test
    void printsTheSameFiguresOnSeveralThreads() throws IOException {
        // 250 images: four evaluation batches, split between the threads.
        Path images = dir.resolve("many-images.gz"), labels = dir.resolve("many-labels.gz");
        TinyMnist.writeImages(images, 250);
        TinyMnist.writeLabels(labels, 250, -1);
        List<String> args = List.of("eval", run.toString(), "--test", images.toString(), "--test-labels",
                labels.toString(), "--json");
        Cli.Result one = Cli.run(args.toArray(String[]::new));
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(250, JSON.readTree(one.out()).get("images").asInt());
        for (String threads : List.of("2", "3")) {
            Cli.Result many = Cli.run(Stream.concat(args.stream(), Stream.of("--threads", threads))
                    .toArray(String[]::new));
            assertEquals(0, many.exitCode(), many.err());
            assertEquals(one.out(), many.out(), threads + " threads");
        }
        assertBadInput(Cli.run("eval", run.toString(), "--data", data.toString(), "--threads", "0"),
                "--threads must be at least 1, got 0");
    }

    @Test
    void confusionMatrixCountsEveryTestImageOnce() throws IOException {
        JsonNode eval = JSON.readTree(
                Cli.run("eval", run.resolve("model.safetensors").toString(), "--data", data.toString(),
                "--json").out());
        JsonNode confusion = eval.get("confusion");
        int total = 0;
        int diagonal = 0;
        for (int actual = 0; actual < 10; actual++) {
            int row = 0;
            for (int predicted = 0; predicted < 10; predicted++) row += confusion.get(actual).get(predicted).asInt();
            assertEquals(2, row, "TinyMnist has two test images of each digit");
            total += row;
            diagonal += confusion.get(actual).get(actual).asInt();
        }
        assertEquals(20, total);
        assertEquals(diagonal, eval.get("correct").asInt());
        assertEquals(diagonal / 20.0, eval.get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void precisionAndRecallFollowTheirDefinitions() {
        int[][] confusion = {{3, 1, 0}, {0, 2, 0}, {2, 0, 0}};
        assertArrayEquals(new double[] {0.6, 2.0 / 3, Double.NaN}, EvalCommand.precision(confusion), 1e-12);
        assertArrayEquals(new double[] {0.75, 1.0, 0.0}, EvalCommand.recall(confusion), 1e-12);
        String table = EvalCommand.confusionTable(confusion, EvalCommand.precision(confusion),
                EvalCommand.recall(confusion), null);
        assertTrue(table.contains("0.7500") && table.contains("0.6000") && table.contains("-"), table);
        String named = EvalCommand.confusionTable(confusion, EvalCommand.precision(confusion),
                EvalCommand.recall(confusion), List.of("0 cabernet", "1 merlot", "2 a-class-name-longer-than-any-row"));
        assertTrue(named.lines().anyMatch(l -> l.matches("0 cabernet\\s+3\\s+1\\s+0\\s+0\\.7500")), named);
        assertTrue(named.contains("2 a-class-name-longer...   "), named);
    }

    @Test
    void printsAccuracyCostAndATableWithPrecisionAndRecall() {
        Cli.Result r = Cli.run("eval", run.toString(), "--data", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("accuracy ") && r.out().contains("mean cost "), r.out());
        assertTrue(r.out().contains("recall") && r.out().lines().anyMatch(l -> l.startsWith("precision")), r.out());
        assertEquals(10, r.out().lines().filter(l -> l.matches("\\d\\s+(\\s+\\d+){10}\\s+(\\d\\.\\d{4}|-)")).count(),
                r.out());
    }

    @Test
    void asksForTheDataSetWhenTheModelDoesNotRecordIt() throws IOException {
        Path bare = dir.resolve("bare.safetensors");
        ModelFile.write(bare, new Network(new int[] {784, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "quadratic (built-in)"));
        assertBadInput(Cli.run("eval", bare.toString(), "--data", data.toString()), bare.toString(), "--dataset");
        Cli.Result r = Cli.run("eval", bare.toString(), "--data", data.toString(), "--dataset", "mnist");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void rejectsAnUnknownDataSet() {
        assertBadInput(Cli.run("eval", run.toString(), "--dataset", "cifar"), "cifar", "--dataset", "fashion-mnist");
    }

    @Test
    void rejectsAModelWhoseInputsDoNotFitTheImages() throws IOException {
        Path small = dir.resolve("small.safetensors");
        ModelFile.write(small, new Network(new int[] {100, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "quadratic (built-in)", "dataset", "mnist"));
        assertBadInput(Cli.run("eval", small.toString(), "--data", data.toString()), small.toString(), "784", "100");
    }

    @Test
    void rejectsMissingAndDamagedModels() throws IOException {
        assertBadInput(Cli.run("eval", dir.resolve("absent.safetensors").toString()), "absent.safetensors");
        Path emptyRun = Files.createDirectories(dir.resolve("empty-run"));
        assertBadInput(Cli.run("eval", emptyRun.toString()), emptyRun.toString(), "model.safetensors");
        Path damaged = dir.resolve("damaged.safetensors");
        byte[] bytes = Files.readAllBytes(run.resolve("model.safetensors"));
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length - 100));
        assertBadInput(Cli.run("eval", damaged.toString(), "--data", data.toString()), damaged.toString());
    }

    @Test
    void namesTheMissingCostPluginWithTheJarTheModelRecordsAndHowToPassIt() throws IOException {
        Path odd = dir.resolve("odd.safetensors");
        ModelFile.write(odd, new Network(new int[] {784, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "log-cosh (acme-logcosh.jar 1.0)", "dataset", "mnist"));
        Cli.Result r = Cli.run("eval", odd.toString(), "--data", data.toString());
        assertBadInput(r);
        assertEquals("descent: model " + odd + " needs cost 'log-cosh' from acme-logcosh.jar 1.0 (not built in);"
                + " pass --plugins DIR with that jar", r.err().strip());
    }
}
