package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug (here a plugin's cost that throws an IllegalStateException, which descent cannot tell from a
 * bug of its own) exits with code 1 and one line on stderr; the stack trace goes to error.log in the
 * run folder, or to a file in the temporary folder for commands without one, and the line names it.
 * {@code --verbose} also prints it.
 */
class InternalErrorTest {
    private static final Pattern LOG = Pattern.compile("the stack trace is in (\\S+\\.log)");

    @TempDir
    Path dir;
    Path data;
    Path plugins;

    @BeforeEach
    void tinyData() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        plugins = FaultyPlugins.costs(dir.resolve("plugins"));
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("crash.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: crash-cost
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
    }

    /** Exit code 1, one line naming the error and its log, which holds the trace; returns the log. */
    private static Path assertOneLineAndALog(Cli.Result r) throws IOException {
        assertEquals(1, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + r.err());
        assertTrue(err.startsWith(
                "descent: internal error: java.lang.IllegalStateException: simulated bug in crash-cost"), err);
        Matcher m = LOG.matcher(err);
        assertTrue(m.find(), err);
        Path log = Path.of(m.group(1));
        String trace = Files.readString(log);
        assertTrue(trace.contains("simulated bug in crash-cost") && trace.contains("\tat "), trace);
        assertTrue(trace.contains("command: descent "), trace);
        return log;
    }

    @Test
    void anInternalErrorDuringTrainingWritesErrorLogInTheRunFolder() throws IOException {
        Path run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config().toString(), "--data", data.toString(), "--out", run.toString(),
                "--plugins", plugins.toString(), "--quiet");
        assertEquals(run.resolve("error.log"), assertOneLineAndALog(r));
        assertFalse(Files.exists(run.resolve("model.safetensors")));
    }

    @Test
    void verbosePrintsTheTraceToo() throws IOException {
        Path run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config().toString(), "--data", data.toString(), "--out", run.toString(),
                "--plugins", plugins.toString(), "--quiet", "--verbose");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("\tat ") && r.err().contains(run.resolve("error.log").toString()), r.err());
    }

    @Test
    void anInternalErrorWithoutARunFolderWritesALogInTheTemporaryFolder() throws IOException {
        // A good model whose metadata names the crashing cost: eval computes the cost over the test set.
        Path run = dir.resolve("good");
        Path good = Files.writeString(dir.resolve("good.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
        assertEquals(0, Cli.run("train", good.toString(), "--data", data.toString(), "--out", run.toString(), "--quiet")
                .exitCode());
        Path model = Files.copy(run.resolve("model.safetensors"), dir.resolve("crash.safetensors"));
        SafetensorsEdits.editHeader(model,
                h -> ((ObjectNode) h.get("__metadata__")).put("cost", "crash-cost (faulty-costs.jar)"));

        Cli.Result r = Cli.run("eval", model.toString(), "--data", data.toString(), "--plugins", plugins.toString());
        Path log = assertOneLineAndALog(r);
        try {
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toRealPath(), log.getParent().toRealPath());
            assertTrue(log.getFileName().toString().startsWith("descent-error-"), log.toString());
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
