package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.run.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NaN or infinite cost, gradient or weight stops a run with one line naming the epoch and step and
 * suggesting a smaller learning rate (exit code 2), and the checkpoint of the last finished epoch
 * stays intact: it reads, {@code descent eval} opens it, and the run resumes from it.
 */
class DivergenceTest {
    @TempDir
    Path dir;
    Path data;
    Path run;

    @BeforeEach
    void tinyData() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        run = dir.resolve("run");
    }

    @AfterEach
    void healthyCost() {
        System.clearProperty(FaultyPlugins.FLAKY_PROPERTY);
    }

    private static void assertDiverged(Cli.Result r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), r.err());
        assertFalse(err.contains("\tat "), err);
        assertTrue(err.contains("training diverged in epoch") && err.contains("at step")
                && err.contains("try a smaller training.learning-rate"), err);
        for (String m : mentions) assertTrue(err.contains(m), "'" + m + "' in " + err);
    }

    private void assertNoModelAndNoTemporaryFiles() throws IOException {
        assertFalse(Files.exists(run.resolve("model.safetensors")));
        assertFalse(Files.exists(run.resolve("summary.json")));
        try (Stream<Path> files = Files.list(run)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aHugeLearningRateStopsWithTheEpochAndStep() throws IOException {
        Path config = Files.writeString(dir.resolve("fast.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10], activation: relu}
                cost: quadratic
                training: {epochs: 3, batch-size: 1, learning-rate: 1e6}
                """);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertDiverged(r, "epoch 1", "NaN", "learning rate 1000000", "quadratic (built-in)");
        assertNoModelAndNoTemporaryFiles();
    }

    @Test
    void aCostThatTurnsNaNInEpochTwoKeepsEpochOnesCheckpointAndTheRunResumes() throws IOException {
        Path plugins = FaultyPlugins.costs(dir.resolve("plugins"));
        Path config = Files.writeString(dir.resolve("flaky.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: flaky-cost
                training: {epochs: 3, batch-size: 10, learning-rate: 1.0}
                """);
        // The cost turns NaN when epoch 1's line is printed: after its metrics row, before its checkpoint.
        Cli.Result r = Cli.runWithHook("epoch   1/3", () -> System.setProperty(FaultyPlugins.FLAKY_PROPERTY, "true"),
                "train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--plugins", plugins.toString());
        assertDiverged(r, "epoch 2 at step 5", "NaN", "flaky-cost (faulty-costs.jar)");
        assertNoModelAndNoTemporaryFiles();
        Path checkpoint = run.resolve("checkpoint.safetensors");
        assertEquals(1, Checkpoint.read(checkpoint).epochsDone(), "epoch 1's checkpoint is intact");
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and epoch 1");

        System.clearProperty(FaultyPlugins.FLAKY_PROPERTY);
        Cli.Result eval =
                Cli.run("eval", checkpoint.toString(), "--data", data.toString(), "--plugins", plugins.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());

        Cli.Result resumed = Cli.run("train", config.toString(), "--data", data.toString(), "--resume", run.toString(),
                "--plugins", plugins.toString(), "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(4, metrics.size(), "header and three epochs: " + metrics);
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")));
    }
}
