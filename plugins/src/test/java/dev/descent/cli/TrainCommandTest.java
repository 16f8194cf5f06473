package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, in-process: bad input exits with code 2 and one line that names the
 * file or key, with no stack trace and no run files; a good run writes its folder.
 */
class TrainCommandTest {
    @TempDir
    Path dir;
    Path data;
    Path config;

    @BeforeEach
    void smallDataSet() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
    }

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    private Cli.Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", data.toString(),
                "--out", dir.resolve("run").toString(), "--quiet"));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new));
    }

    private void assertBadInput(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        assertFalse(Files.exists(dir.resolve("run").resolve("model.safetensors")));
    }

    @Test
    void trainsAndWritesTheRunFolder() throws IOException {
        Cli.Result r = train();
        assertEquals(0, r.exitCode(), r.err());
        Path run = dir.resolve("run");
        for (String f : List.of("config.yaml", "metrics.csv", "model.safetensors", "summary.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertTrue(metrics.getFirst().startsWith("epoch,train_cost,"), metrics.getFirst());
        String summary = Files.readString(run.resolve("summary.json"));
        assertTrue(summary.contains("\"parameters\" : 6370"), summary);
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void sameConfigAndSeedGiveTheSameResults() throws IOException {
        List<String> summaries = new ArrayList<>();
        for (String out : List.of("first", "second")) {
            Cli.Result r = run("train", config.toString(), "--data", data.toString(), "--out",
                    dir.resolve(out).toString(), "--quiet", "--set", "training.epochs=3");
            assertEquals(0, r.exitCode(), r.err());
            // Everything but the clock and the run's random id must agree.
            summaries.add(Files.readString(dir.resolve(out).resolve("summary.json"))
                    .replaceAll("(?m)^.*(seconds|samples_per_second|run_id).*$", ""));
        }
        assertEquals(summaries.get(0), summaries.get(1));
        assertTrue(summaries.get(0).contains("\"final_cost\""), summaries.get(0));
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        Path images = data.resolve("mnist/train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));
        assertBadInput(train(), "train-images-idx3-ubyte.gz");
    }

    @Test
    void rejectsLabelsFileWhereImagesBelong() throws IOException {
        Files.copy(data.resolve("mnist/train-labels-idx1-ubyte.gz"), data.resolve("mnist/train-images-idx3-ubyte.gz"),
                StandardCopyOption.REPLACE_EXISTING);
        assertBadInput(train(), "train-images-idx3-ubyte.gz");
    }

    @Test
    void rejectsHeaderClaimingTwoBillionImages() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(2051).putInt(Integer.MAX_VALUE).putInt(28).putInt(28);
        TinyMnist.gzip(data.resolve("mnist/train-images-idx3-ubyte.gz"), header.array(), new byte[784 * 3]);
        assertBadInput(train(), "train-images-idx3-ubyte.gz");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        TinyMnist.writeLabels(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"), 20, 12);
        assertBadInput(train(), "t10k-labels-idx1-ubyte.gz", "12");
    }

    @Test
    void rejectsUnknownYamlKey() throws IOException {
        Files.writeString(config, Files.readString(config) + "optimizer: adam\n");
        assertBadInput(train(), "optimizer", config.toString());
    }

    @Test
    void rejectsNegativeLearningRate() {
        assertBadInput(train("--set", "training.learning-rate=-1"), "training.learning-rate", "-1");
    }

    @Test
    void rejectsUnknownCost() {
        assertBadInput(train("--set", "cost.name=quadratc"), "quadratc");
    }

    @Test
    void rejectsMissingConfig() {
        assertBadInput(run("train", dir.resolve("absent.yaml").toString()), "absent.yaml");
    }

    @Test
    void rejectsUnknownOptionWithUsage() {
        Cli.Result r = run("train", config.toString(), "--epochs", "3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--epochs"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        assertEquals(0, run("--help").exitCode());
        Cli.Result r = run("train", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--set"), r.out());
    }
}
