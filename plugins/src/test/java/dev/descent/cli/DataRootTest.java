package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DataLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root that is a file is refused naming the setting that chose it ({@code DESCENT_DATA} or
 * {@code --data}), instead of asking the user to put the data in {@code FILE/mnist}, which cannot be.
 */
class DataRootTest {
    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
    }

    @Test
    void descentDataSetToAFileSaysItIsNotAFolder() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        // The environment of this JVM cannot be changed: descent runs in a child JVM with DESCENT_DATA set.
        ProcessBuilder builder = new ProcessBuilder(ChildDescent.command("train", config().toString(),
                "--out", dir.resolve("run").toString(), "--quiet")).redirectErrorStream(true);
        builder.environment().put(DataLocator.ENV, file.toString());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(2, child.exitValue(), out);
        assertTrue(out.contains("DESCENT_DATA " + file + " is a file, not a folder"), out);
        assertTrue(out.contains("set DESCENT_DATA to a folder"), out);
        assertFalse(out.contains(file.resolve("mnist").toString()), out);
        assertFalse(Files.exists(dir.resolve("run").resolve("model.safetensors")));
    }

    @Test
    void dataOptionNamingAFileSaysItIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Cli.Result r = Cli.run("train", config().toString(), "--data", file.toString(),
                "--out", dir.resolve("run").toString(), "--quiet");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--data " + file + " is a file, not a folder"), r.err());
        assertFalse(r.err().contains(file.resolve("mnist").toString()), r.err());
    }

    @Test
    void sweepRefusesTheSameDataRoot() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Files.writeString(dir.resolve("sweep.yaml"), """
                base: tiny.yaml
                grid: {training.learning-rate: [1.0, 2.0]}
                """);
        config();
        Cli.Result r = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--data", file.toString(),
                "--out", dir.resolve("sweep").toString(), "--quiet");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--data " + file + " is a file, not a folder"), r.err());
    }
}
