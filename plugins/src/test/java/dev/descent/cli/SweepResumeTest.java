package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed part-way (SIGKILL, or Ctrl-C) and run again with the same --out skips the trials it
 * finished, runs the rest, and ends with the trials.csv of a sweep that was never stopped (timings aside).
 * Every sweep runs in a child JVM started as the launcher starts one (C2 only, so that each trial takes a
 * fraction of a second): 8 configurations x 2 seeds of the seed network, 1 epoch each, one at a time.
 */
class SweepResumeTest {
    private static final int TRIALS = 16;

    @TempDir
    static Path shared;
    static Path sweepFile;
    static String data;
    /** trials.csv of the same sweep run without interruption. */
    static List<List<String>> uninterrupted;

    @TempDir
    Path dir;

    @BeforeAll
    static void uninterruptedSweep() throws Exception {
        data = SweepCommandTest.sharedData();
        sweepFile = shared.resolve("resume.yaml");
        Files.writeString(sweepFile, """
                base: %s
                set: {training.epochs: 1}
                grid:
                  training.learning-rate: [0.5, 1.0, 2.0, 3.0]
                  network.layers: [[784, 16, 16, 10], [784, 30, 10]]
                seeds: [1, 2]
                engine: {name: local, parallel: 1}
                """.formatted(Path.of("..", "configs", "mnist-seed.yaml").toAbsolutePath().normalize()));
        Path whole = shared.resolve("whole");
        runChild(whole, 0, null);
        uninterrupted = SweepFiles.csvWithoutTiming(whole.resolve("trials.csv"));
    }

    @Test
    void killingTheSweepAndRerunningItSkipsFinishedTrialsAndGivesTheSameTrialsCsv() throws Exception {
        Path out = dir.resolve("killed");
        List<String> output = runChild(out, 3, "KILL");
        Map<String, byte[]> finished = finishedTrials(out);
        assertTrue(finished.size() >= 3 && finished.size() < TRIALS, finished.size() + " finished: " + output);

        String rerun = String.join("\n", runChild(out, 0, null));
        assertTrue(rerun.contains(finished.size() + " trials finished in an earlier run (skipped), "
                + (TRIALS - finished.size()) + " to run"), rerun);
        for (Map.Entry<String, byte[]> e : finished.entrySet()) {
            assertArrayEquals(e.getValue(),
                    Files.readAllBytes(out.resolve("trials").resolve(e.getKey()).resolve("trial.json")),
                    "a skipped trial is left as it was: " + e.getKey());
            assertTrue(!rerun.contains("] " + e.getKey() + " "), "not trained again: " + e.getKey());
        }
        assertEquals(uninterrupted, SweepFiles.csvWithoutTiming(out.resolve("trials.csv")));
    }

    @Test
    void ctrlCStopsTheSweepWithExitCode130AndTheRerunFinishesIt() throws Exception {
        Path out = dir.resolve("stopped");
        List<String> output = runChild(out, 2, "INT");
        String printed = String.join("\n", output);
        assertTrue(printed.contains("to continue: descent sweep " + sweepFile + " --out " + out), printed);
        List<String> statuses = SweepFiles.column(SweepFiles.csv(out.resolve("trials.csv")), "status");
        assertTrue(statuses.contains("pending") && statuses.contains("ok"), statuses.toString());
        assertEquals(statuses.stream().filter("ok"::equals).count(), finishedTrials(out).size());

        runChild(out, 0, null);
        assertEquals(uninterrupted, SweepFiles.csvWithoutTiming(out.resolve("trials.csv")));
    }

    /**
     * Runs the sweep in a child JVM; with a {@code signal}, sends it ({@code KILL} or {@code INT}) once the
     * sweep reports trial {@code k} finished, and expects exit code 137 or 130; without, expects 0.
     * Returns what the child printed.
     */
    private static List<String> runChild(Path out, int k, String signal) throws Exception {
        Process child = new ProcessBuilder(ChildDescent.command("sweep", sweepFile.toString(), "--data", data, "--out",
                out.toString())).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String mark = String.format("[%2d/%d]", k, TRIALS);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (signal != null && !signalled && line.startsWith(mark)) {
                    signalled = true;
                    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -" + signal);
                }
            }
        } finally {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("the sweep did not exit: " + output);
            }
        }
        String printed = String.join("\n", output);
        if (signal == null) {
            assertEquals(0, child.exitValue(), printed);
        } else {
            assertTrue(output.stream().anyMatch(l -> l.startsWith(mark)),
                    "the sweep reached trial " + k + ": " + printed);
            assertEquals(signal.equals("INT") ? 130 : 128 + 9, child.exitValue(), printed);
        }
        return output;
    }

    /** trial.json of every finished trial, by id. */
    private static Map<String, byte[]> finishedTrials(Path out) throws IOException {
        Map<String, byte[]> finished = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(out.resolve("trials"))) {
            for (Path f : folders.sorted().toList()) {
                Path record = f.resolve("trial.json");
                if (Files.isRegularFile(record)) finished.put(f.getFileName().toString(), Files.readAllBytes(record));
            }
        }
        return finished;
    }
}
