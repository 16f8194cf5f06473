package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.config.ConfigLoader;
import dev.descent.run.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder that cannot be written, before or during a run: one clear line, exit code 2, and
 * the files written before the fault intact (config.yaml loads, metrics.csv has its complete rows,
 * the last checkpoint reads). Tests run as root, where {@code chmod} stops no write, so the faults are
 * made in ways that hold for root too:
 * <ul>
 * <li>the output path is a file where a folder is expected;</li>
 * <li>a non-empty folder sits where the final model must be written (the rename onto it fails);</li>
 * <li>the folder is made immutable mid-run with {@code chattr +i} (ext4 and most Linux file systems;
 *     skipped where chattr is missing or has no effect);</li>
 * <li>the folder is a 96 KiB tmpfs that fills up mid-run (skipped where mount is not permitted).</li>
 * </ul>
 */
class OutputFaultsTest {
    @TempDir
    Path dir;
    Path data;
    Path config;
    Path run;

    @BeforeEach
    void tinyRun() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 3, batch-size: 10, learning-rate: 1.0}
                """);
        run = dir.resolve("run");
    }

    private static void assertOneLine(Cli.Result r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), r.err());
        assertFalse(err.contains("\tat "), err);
        for (String m : mentions) assertTrue(err.contains(m), "'" + m + "' in " + err);
    }

    /**
     * config.yaml loads, metrics.csv has {@code rows} complete rows, the checkpoint holds
     * {@code checkpointEpochs} epochs and reads, and no temporary file is left.
     */
    private void assertEarlierOutputsIntact(int rows, int checkpointEpochs) throws IOException {
        assertEquals(3, ConfigLoader.load(run.resolve("config.yaml"), List.of()).training().epochs());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(rows + 1, metrics.size(), "header and " + rows + " rows: " + metrics);
        for (String row : metrics.subList(1, metrics.size())) assertEquals(8, row.split(",").length, row);
        assertEquals(checkpointEpochs, Checkpoint.read(run.resolve("checkpoint.safetensors")).epochsDone());
        assertFalse(Files.exists(run.resolve("model.safetensors"))
                && Files.isRegularFile(run.resolve("model.safetensors")));
        try (Stream<Path> files = Files.list(run)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    private Cli.Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", data.toString(),
                "--out", run.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void anOutputPathThatIsAFileIsRefusedBeforeTraining() throws IOException {
        Files.writeString(run, "my notes");
        Cli.Result r = train("--quiet");
        assertOneLine(r, "cannot write the run folder", run.toString());
        assertEquals("my notes", Files.readString(run), "the file is untouched");
    }

    @Test
    void aFolderWhereTheModelMustBeWrittenFailsClearlyAndKeepsEverythingElse() throws IOException {
        Files.createDirectories(run.resolve("model.safetensors").resolve("keep"));
        Cli.Result r = train("--quiet");
        assertOneLine(r, "cannot write", run.resolve("model.safetensors").toString());
        assertEarlierOutputsIntact(3, 3);
    }

    @Test
    void aFolderMadeImmutableMidRunFailsClearlyAndKeepsTheLastCheckpoint() throws Exception {
        Assumptions.assumeTrue(chattrWorks(), "chattr +i is unavailable or has no effect here");
        Files.createDirectories(run);
        try {
            Cli.Result r = Cli.runWithHook("epoch   2/3", () -> chattr("+i", run),
                    "train", config.toString(), "--data", data.toString(), "--out", run.toString());
            assertOneLine(r, "cannot write", run.toString());
        } finally {
            chattr("-i", run);
        }
        // Epoch 2's row was written before its line; its checkpoint was the first write refused.
        assertEarlierOutputsIntact(2, 1);
    }

    @Test
    void aFullDiskFailsClearlyAndKeepsTheLastCheckpoint() throws Exception {
        Files.createDirectories(run);
        Assumptions.assumeTrue(exec("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", run.toString()) == 0,
                "mounting a small tmpfs is not permitted here");
        try {
            // A checkpoint of 784-8-10 takes about 51 KB: the second one cannot be written beside the first.
            Cli.Result r = train("--quiet");
            assertOneLine(r, "cannot write", run.resolve("checkpoint.safetensors").toString(), "No space left");
            // Epoch 2's small metrics.csv still fitted; its checkpoint did not.
            assertEarlierOutputsIntact(2, 1);
        } finally {
            assertEquals(0, exec("umount", run.toString()), "umount");
        }
    }

    private static boolean chattrWorks() throws Exception {
        Path probe = Files.createTempDirectory("chattr-probe");
        try {
            if (exec("chattr", "+i", probe.toString()) != 0) return false;
            try {
                Files.createFile(probe.resolve("x"));
                return false;
            } catch (IOException expected) {
                return true;
            } finally {
                exec("chattr", "-i", probe.toString());
            }
        } finally {
            try (Stream<Path> files = Files.list(probe)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(probe);
        }
    }

    private static void chattr(String flag, Path folder) {
        try {
            assertEquals(0, exec("chattr", flag, folder.toString()), "chattr " + flag);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int exec(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            return -1;   // the command does not exist here
        }
    }
}
