package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, what schedulers, containers and Spark send to stop work, is handled like Ctrl-C: a child
 * JVM trains, gets SIGTERM during its second epoch, stops after that mini-batch, saves a checkpoint,
 * says how to resume and exits with 143; {@code --resume} then finishes the run with the model bits of
 * a run that was never stopped. The run uses Adam and dropout, whose state must survive the stop.
 */
class TerminateAndResumeTest {
    @TempDir
    Path dir;

    @Test
    void sigtermSavesACheckpointExitsWith143AndResumingMatchesAnUninterruptedRun() throws Exception {
        String root = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(root != null
                && Files.isRegularFile(Path.of(root, "fashion-mnist/train-images-idx3-ubyte.gz")),
                "needs the shared Fashion-MNIST data (DESCENT_DATA)");
        Path config = dir.resolve("fashion.yaml");
        Files.writeString(config, """
                seed: 2
                data: {dataset: fashion-mnist}
                network: {layers: [784, 16, 10]}
                training:
                  epochs: 5
                  batch-size: 10
                  learning-rate: 0.001
                  optimizer: {name: adam}
                  dropout: [0.1]
                """);
        Path stopped = dir.resolve("stopped");
        ChildDescent.Stopped child = ChildDescent.signalAt("TERM", "epoch   1/5",
                "train", config.toString(), "--data", root, "--out", stopped.toString());
        String printed = child.output();
        assertEquals(143, child.exitCode(), printed);
        assertTrue(printed.contains("SIGTERM: stopping at the end of this mini-batch"), printed);
        assertTrue(printed.contains("stopped by SIGTERM after 1 finished epochs"), printed);
        assertTrue(printed.contains("--resume " + stopped), printed);
        assertTrue(Files.isRegularFile(stopped.resolve("checkpoint.safetensors")), printed);
        assertFalse(Files.exists(stopped.resolve("model.safetensors")), "a stopped run writes no final model");
        assertFalse(printed.contains("\tat "), printed);

        Cli.Result resumed = Cli.run("train", config.toString(), "--data", root, "--resume", stopped.toString(),
                "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.err());
        Path whole = dir.resolve("whole");
        Cli.Result uninterrupted = Cli.run("train", config.toString(), "--data", root, "--out", whole.toString(),
                "--quiet");
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")),
                Files.readAllBytes(stopped.resolve("model.safetensors")), "final models differ");
    }
}
