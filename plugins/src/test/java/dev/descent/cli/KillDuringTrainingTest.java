package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.config.ConfigLoader;
import dev.descent.run.Checkpoint;
import dev.descent.run.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during training: a child JVM trains a run that would take hours and is killed
 * ({@code kill -KILL}, SIGKILL) as soon as it prints its first epoch line, which is
 * when it writes its first checkpoint. Every file in the run folder must then be complete (it parses)
 * or absent; a temporary file of an interrupted write may remain, and must be gone after the resume, as
 * must the dead run's lock (taken over with a note).
 * {@code descent train CONFIG --resume DIR} then finishes the run with exit code 0.
 */
class KillDuringTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyFileIsCompleteOrAbsentAfterKill9AndTheRunResumes() throws Exception {
        Path data = dir.resolve("data");
        Path mnist = Files.createDirectories(data.resolve("mnist"));
        TinyMnist.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), 4000);
        TinyMnist.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), 4000, -1);
        TinyMnist.writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 100);
        TinyMnist.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 100, -1);
        Path config = Files.writeString(dir.resolve("long.yaml"), """
                seed: 5
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10]}
                training:
                  epochs: 100000
                  batch-size: 10
                  learning-rate: 0.5
                  optimizer: {name: momentum}
                """);
        Path run = dir.resolve("run");

        ChildDescent.Stopped killed = ChildDescent.signalAt("KILL", "epoch   1/",
                "train", config.toString(), "--data", data.toString(), "--out", run.toString());
        assertEquals(137, killed.exitCode(), "128 + SIGKILL: " + killed.output());
        long child = killed.pid();
        String output = killed.output();
        List<Path> left;
        try (Stream<Path> files = Files.list(run)) {
            left = files.sorted().toList();
        }
        int checkpointEpochs = -1;
        int metricRows = -1;
        for (Path f : left) {
            String name = f.getFileName().toString();
            switch (name) {
                case "config.yaml" -> assertEquals(100000, ConfigLoader.load(f, List.of()).training().epochs());
                case "metrics.csv" -> metricRows = completeRows(f);
                case "checkpoint.safetensors" -> checkpointEpochs = Checkpoint.read(f).epochsDone();
                case "run.json" -> assertTrue(RunRecord.read(run).isPresent());
                case "descent.lock" -> assertTrue(Files.readString(f).startsWith(child + " "), "the dead run's lock");
                default -> assertTrue(name.startsWith(".") && name.endsWith(".tmp"),
                        "only the run's files and temporary files of an interrupted write: " + name + " in " + left);
            }
        }
        assertTrue(metricRows >= 1, "the first epoch's row was written before its line was printed: " + output);
        if (checkpointEpochs >= 0) {
            // The checkpoint follows the epoch's metrics row; a kill between the two leaves one more row.
            assertTrue(metricRows == checkpointEpochs || metricRows == checkpointEpochs + 1,
                    metricRows + " rows, checkpoint after " + checkpointEpochs + " epochs");
        }
        assertFalse(Files.exists(run.resolve("model.safetensors")), "the run never finished");

        // Resume and run two more epochs (only training.epochs may differ from the run's config).
        int target = Math.max(checkpointEpochs, 0) + 2;
        Cli.Result resumed;
        if (checkpointEpochs >= 0) {
            resumed = Cli.run("train", config.toString(), "--data", data.toString(), "--resume", run.toString(),
                    "--set", "training.epochs=" + target, "--quiet");
        } else {
            // Killed before the first checkpoint was complete: nothing to resume, the run starts again.
            resumed = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                    "--set", "training.epochs=" + target, "--overwrite", "--quiet");
        }
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(target, completeRows(run.resolve("metrics.csv")));
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")));
        try (Stream<Path> files = Files.list(run)) {
            List<Path> temporary = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(temporary.isEmpty(), "temporary files of the killed run are cleaned up: " + temporary);
        }
        assertFalse(Files.exists(run.resolve("descent.lock")),
                "the resume took the dead run's lock over and cleared it");
        assertTrue(resumed.err().contains("took over the lock"), resumed.err());
    }

    /** The data rows of metrics.csv, each checked to have every column of the header as a number. */
    private static int completeRows(Path metrics) throws IOException {
        String text = Files.readString(metrics);
        assertTrue(text.endsWith("\n"), "metrics.csv ends with a complete line");
        List<String> lines = text.lines().toList();
        int columns = lines.getFirst().split(",").length;
        for (String row : lines.subList(1, lines.size())) {
            String[] fields = row.split(",");
            assertEquals(columns, fields.length, row);
            for (String field : fields) Double.parseDouble(field);
        }
        return lines.size() - 1;
    }
}
