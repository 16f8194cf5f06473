package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.run.Checkpoint;
import dev.descent.run.RunLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder belongs to one process at a time: a child JVM trains (or sweeps) into a folder, and a
 * second child JVM's {@code train}, {@code report} or {@code sweep} on that folder refuses, naming the
 * process that holds it. The lock is the file descent.lock; killed with SIGKILL, the first leaves it
 * behind, and the next run takes it over with a note.
 */
class RunFolderLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondTrainOrReportOnTheFolderOfARunningTrainRefuses() throws Exception {
        Path data = bigData();
        Path config = longConfig();
        Path run = dir.resolve("run");
        Running first = Running.start("epoch   2/", null, "train", config.toString(), "--data", data.toString(),
                "--out", run.toString());
        try {
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).startsWith(first.process.pid() + " "),
                    "the lock names the running process");
            Cli.Result second = ChildDescent.run("train", config.toString(), "--data", data.toString(), "--out",
                    run.toString(),
                    "--set", "training.epochs=1");
            assertEquals(2, second.exitCode(), second.out());
            assertTrue(second.out().contains(run + " is in use by descent train (process " + first.process.pid() + ")"),
                    second.out());
            Cli.Result resume = ChildDescent.run("train", "--resume", run.toString(), "--data", data.toString());
            assertEquals(2, resume.exitCode(), resume.out());
            assertTrue(resume.out().contains("is in use by descent train"), resume.out());
            Cli.Result report = ChildDescent.run("report", run.toString(), "--data", data.toString());
            assertEquals(2, report.exitCode(), report.out());
            assertTrue(report.out().contains("is in use by descent train"), report.out());
        } finally {
            first.kill9();
        }
        assertTrue(Files.exists(run.resolve(RunLock.FILE)), "SIGKILL leaves the lock behind");

        // The dead process's lock is taken over with a note; the resume trains and clears the lock at exit.
        int done = Checkpoint.read(run.resolve(Checkpoint.FILE)).epochsDone();
        Cli.Result resumed = ChildDescent.run("train", "--resume", run.toString(), "--set", "training.epochs="
                + (done + 1),
                "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("took over the lock of descent train in " + run + ": process "
                + first.process.pid() + " is no longer running"), resumed.out());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock is cleared at exit");
    }

    @Test
    void twoSweepsOnOneOutRefuseTheSecond() throws Exception {
        Path data = bigData();
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), """
                base: %s
                grid: {training.learning-rate: [0.5, 1.0]}
                engine: {name: local, parallel: 1}
                """.formatted(longConfig().toAbsolutePath()));
        Path out = dir.resolve("sweep");
        Running first = Running.start("sweep: ", "./descent", "sweep", sweep.toString(), "--data", data.toString(),
                "--out", out.toString());
        try {
            Cli.Result second = ChildDescent.run("sweep", sweep.toString(), "--data", data.toString(), "--out",
                    out.toString());
            assertEquals(2, second.exitCode(), second.out());
            assertTrue(second.out().contains(out + " is in use by descent sweep (process " + first.process.pid() + ")"),
                    second.out());
            assertFalse(second.out().contains("best"), "the refused sweep reports no results: " + second.out());
            // Ctrl-C stops the first sweep, which says how to continue it as descent was started.
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(first.process.pid())).start().waitFor());
            assertTrue(first.process.waitFor(60, TimeUnit.SECONDS), "the stopped sweep exits");
            assertEquals(130, first.process.exitValue());
            first.drained.join();
            assertTrue(first.output.contains("sweep: to continue: ./descent sweep " + sweep + " --out " + out),
                    first.output.toString());
            assertFalse(Files.exists(out.resolve(RunLock.FILE)), "the lock is cleared at exit");
        } finally {
            first.kill9();
        }
    }

    @Test
    void aLockOfAProcessThatEndedIsTakenOverAndOneOfALiveProcessIsNot() throws Exception {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
        String host = InetAddress.getLocalHost().getHostName();
        Process ended = new ProcessBuilder("true").start();
        assertEquals(0, ended.waitFor());
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(RunLock.FILE), ended.pid() + " " + host + " descent train\n");
        Cli.Result taken = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, taken.exitCode(), taken.err());
        assertTrue(taken.err().contains("took over the lock of descent train in " + run + ": process " + ended.pid()
                + " is no longer running"), taken.err());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));

        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(run.resolve(RunLock.FILE), alive.pid() + " " + host + " descent report\n");
            Cli.Result refused = Cli.run("report", run.toString(), "--data", data.toString());
            assertEquals(2, refused.exitCode(), refused.out());
            assertTrue(refused.err().contains("is in use by descent report (process " + alive.pid() + ")"),
                    refused.err());
            assertTrue(Files.exists(run.resolve(RunLock.FILE)), "another process's lock is left alone");
        } finally {
            alive.destroyForcibly().waitFor();
        }
    }

    /** 4,000 training images: an epoch of the long config takes a while, long enough to start a second JVM. */
    private Path bigData() throws IOException {
        Path data = dir.resolve("data");
        Path mnist = Files.createDirectories(data.resolve("mnist"));
        TinyMnist.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), 4000);
        TinyMnist.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), 4000, -1);
        TinyMnist.writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 100);
        TinyMnist.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 100, -1);
        return data;
    }

    private Path longConfig() throws IOException {
        return Files.writeString(dir.resolve("long.yaml"), """
                seed: 5
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10]}
                training: {epochs: 100000, batch-size: 10, learning-rate: 0.5}
                """);
    }

    /** A child JVM running descent, past the first line of its output that starts with a given text. */
    private record Running(Process process, List<String> output, Thread drained) {
        /** Starts descent ARGS; {@code command} (may be null) is exported as DESCENT_COMMAND, as the launcher does. */
        static Running start(String trigger, String command, String... args) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(ChildDescent.command(args)).redirectErrorStream(true);
            if (command != null) builder.environment().put("DESCENT_COMMAND", command);
            Process child = builder.start();
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith(trigger)) {
                    // Keep reading its output so that the child never blocks on a full pipe.
                    return new Running(child, output,
                            Thread.ofVirtual().start(() -> lines.lines().forEach(output::add)));
                }
            }
            fail("the child ended before printing '" + trigger + "': " + output);
            return null;
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) fail("the child did not die");
        }
    }
}
