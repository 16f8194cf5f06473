package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose {@code create()} overflows the stack or fills the heap is a faulty plugin like one that
 * throws: one line naming its kind, name, class and jar, exit code 2 (bad input: the README counts a
 * plugin that fails while building its plugin as bad input, and exit 1 is kept for descent's own bugs).
 */
class RunawayPluginTest {
    @TempDir
    Path dir;
    Path data;
    Path plugins;

    @BeforeEach
    void smallDataSetAndJar() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        plugins = FaultyPlugins.runaway(dir.resolve("plugins"));
    }

    @Test
    void aCreateThatOverflowsTheStackIsNamedWithExitCode2() throws IOException {
        Cli.Result r = Cli.run("train", config("deep-cost").toString(), "--data", data.toString(),
                "--out", dir.resolve("run").toString(), "--plugins", plugins.toString(), "--quiet");
        assertNamed(r.exitCode(), r.err(), "cost plugin 'deep-cost'", "com.example.faulty.Runaway$Deep",
                plugins.resolve("runaway-costs.jar").toString(), "failed to start: StackOverflowError");
    }

    /** In a child JVM with a small heap, so that filling it costs the test JVM nothing. */
    @Test
    void aCreateThatFillsTheHeapIsNamedWithExitCode2() throws IOException, InterruptedException {
        List<String> command = ChildDescent.command("train", config("greedy-cost").toString(),
                "--data", data.toString(), "--out", dir.resolve("run").toString(), "--plugins", plugins.toString(),
                "--quiet");
        command.add(1, "-Xmx96m");
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "descent did not exit");
        assertNamed(child.exitValue(), err, "cost plugin 'greedy-cost'", "com.example.faulty.Runaway$Greedy",
                plugins.resolve("runaway-costs.jar").toString(), "ran out of memory in create()", "OutOfMemoryError",
                "JAVA_OPTS=-Xmx");
    }

    private void assertNamed(int exitCode, String err, String... fragments) {
        assertEquals(2, exitCode, err);
        assertEquals(1, err.strip().split("\n").length, "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        for (String f : fragments) assertTrue(err.contains(f), "'" + f + "' in: " + err);
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    private Path config(String cost) throws IOException {
        Path config = dir.resolve(cost + ".yaml");
        Files.writeString(config, """
                seed: 2
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: {name: %s}
                training: {epochs: 1, batch-size: 10, learning-rate: 0.5}
                """.formatted(cost));
        return config;
    }
}
