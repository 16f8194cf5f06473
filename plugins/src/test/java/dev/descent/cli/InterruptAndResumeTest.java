package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: a child JVM trains, gets SIGINT after its first epoch, saves a checkpoint and exits
 * with 130 saying how to resume; {@code descent train --resume} then finishes the run, and its model
 * file and metrics are the bits of a run that was never interrupted (timings aside). The run uses
 * momentum and dropout, whose state must survive the stop.
 */
class InterruptAndResumeTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCSavesACheckpointAndResumingMatchesAnUninterruptedRun() throws Exception {
        String root = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(root != null
                && Files.isRegularFile(Path.of(root, "fashion-mnist/train-images-idx3-ubyte.gz")),
                "needs the shared Fashion-MNIST data (DESCENT_DATA)");
        Path config = dir.resolve("fashion.yaml");
        Files.writeString(config, """
                seed: 1
                data: {dataset: fashion-mnist}
                network: {layers: [784, 16, 16, 10]}
                training:
                  epochs: 8
                  batch-size: 10
                  learning-rate: 0.5
                  optimizer: {name: momentum}
                  dropout: [0.1, 0]
                """);
        Path stopped = dir.resolve("stopped");
        ChildDescent.Stopped child = ChildDescent.signalAt("INT", "epoch   1/8",
                "train", config.toString(), "--data", root, "--out", stopped.toString());
        String printed = child.output();
        assertEquals(130, child.exitCode(), printed);
        assertTrue(printed.contains("--resume " + stopped), printed);
        assertTrue(Files.isRegularFile(stopped.resolve("checkpoint.safetensors")), printed);
        assertFalse(Files.exists(stopped.resolve("model.safetensors")), "an interrupted run writes no final model");
        assertFalse(Files.exists(stopped.resolve("summary.json")));
        assertFalse(printed.contains("\tat "), printed);

        Cli.Result resumed =
                Cli.run("train", config.toString(), "--data", root, "--resume", stopped.toString(), "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path whole = dir.resolve("whole");
        Cli.Result uninterrupted =
                Cli.run("train", config.toString(), "--data", root, "--out", whole.toString(), "--quiet");
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")),
                Files.readAllBytes(stopped.resolve("model.safetensors")), "final models differ");
        assertEquals(withoutTimings(whole.resolve("metrics.csv")), withoutTimings(stopped.resolve("metrics.csv")));
    }

    @Test
    void resumeRefusesAnotherConfigAndAFinishedRun() throws IOException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet").exitCode());

        Cli.Result finished =
                Cli.run("train", config.toString(), "--data", data.toString(), "--resume", run.toString());
        assertEquals(2, finished.exitCode());
        assertTrue(finished.err().contains("already finished at epoch 2: all 2 epochs done"), finished.err());

        Cli.Result other = Cli.run("train", config.toString(), "--data", data.toString(), "--resume", run.toString(),
                "--set", "training.learning-rate=2.0");
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("differs from the run's"), other.err());

        Cli.Result more = Cli.run("train", config.toString(), "--data", data.toString(), "--resume", run.toString(),
                "--set", "training.epochs=3", "--quiet");
        assertEquals(0, more.exitCode(), more.err());
        assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and three epochs");

        Cli.Result nothing = Cli.run("train", config.toString(), "--data", data.toString(), "--resume",
                dir.resolve("nowhere").toString());
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("is not a run folder"), nothing.err());
    }

    /** metrics.csv without the seconds and samples_per_second columns, which measure time. */
    private static List<String> withoutTimings(Path metrics) throws IOException {
        List<String> header = Arrays.asList(Files.readAllLines(metrics).getFirst().split(","));
        int seconds = header.indexOf("seconds");
        int rate = header.indexOf("samples_per_second");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(",")));
            fields.remove(Math.max(seconds, rate));
            fields.remove(Math.min(seconds, rate));
            rows.add(String.join(",", fields));
        }
        return rows;
    }
}
