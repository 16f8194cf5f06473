package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops a sweep as Ctrl-C does: the running trial stops at the end of its mini-batch, trials.csv
 * lists the unfinished trials as pending, the sweep says how to continue and exits with 143; the same
 * command then finishes it. (SweepResumeTest holds the rerun of a stopped sweep to the trials.csv of one
 * never stopped.)
 */
class SweepTerminateTest {
    private static final int TRIALS = 6;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheSweepWithExitCode143AndTheRerunFinishesIt() throws Exception {
        String data = SweepCommandTest.sharedData();
        Path sweepFile = dir.resolve("terminate.yaml");
        Files.writeString(sweepFile, """
                base: %s
                set: {training.epochs: 1}
                grid:
                  training.learning-rate: [0.5, 1.0, 3.0]
                seeds: [1, 2]
                engine: {name: local, parallel: 1}
                """.formatted(Path.of("..", "configs", "mnist-seed.yaml").toAbsolutePath().normalize()));
        Path out = dir.resolve("sweep");
        Process child = new ProcessBuilder(ChildDescent.command("sweep", sweepFile.toString(), "--data", data, "--out",
                out.toString())).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String mark = "[2/" + TRIALS + "]";
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (!signalled && line.startsWith(mark)) {
                    signalled = true;
                    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -TERM");
                }
            }
        } finally {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("the sweep did not exit: " + output);
            }
        }
        String printed = String.join("\n", output);
        assertEquals(143, child.exitValue(), printed);
        assertTrue(printed.contains("SIGTERM: stopping at the end of this mini-batch"), printed);
        assertTrue(printed.contains("to continue: descent sweep " + sweepFile + " --out " + out), printed);
        List<String> statuses = SweepFiles.column(SweepFiles.csv(out.resolve("trials.csv")), "status");
        assertTrue(statuses.contains("pending") && statuses.contains("ok"), statuses.toString());

        Cli.Result rerun = ChildDescent.run("sweep", sweepFile.toString(), "--data", data, "--out", out.toString());
        assertEquals(0, rerun.exitCode(), rerun.out());
        assertEquals(List.of("ok"), SweepFiles.column(SweepFiles.csv(out.resolve("trials.csv")), "status").stream()
                .distinct().toList());
    }
}
