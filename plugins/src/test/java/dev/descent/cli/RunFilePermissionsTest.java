package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a run folder get the permissions of the user's umask, like those any other tool
 * writes: under umask 022, rw-r--r--, so a shared folder or a web server can read them. (Written to a
 * temporary file and renamed into place, they used to keep the temporary file's rw-------.)
 */
class RunFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void runFilesAreReadableByOthersUnderUmask022() throws IOException, InterruptedException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
        Path run = dir.resolve("run");
        // A umask is per process: the child JVM gets 022 from the shell that starts it.
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh"));
        command.addAll(ChildDescent.command("train", config.toString(), "--data", data.toString(),
                "--out", run.toString(), "--quiet"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, child.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);

        List<Path> files;
        try (Stream<Path> listing = Files.list(run)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.getFileName().toString());
        }
    }
}
