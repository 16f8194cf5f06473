package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model or picture that is a named pipe or a link to a device is refused with what it is (reading
 * one would block or never end), not with "does not exist", which sends the user looking for a typo.
 */
class NotARegularFileTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path fifo;
    static Path zero;

    @BeforeAll
    static void aTrainedModelAPipeAndALinkToDevZero() throws IOException, InterruptedException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available");
        zero = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
    }

    private static void assertRefused(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("does not exist"), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    @Test
    void predictSaysAModelThatIsAPipeIsAPipe() {
        assertRefused(Cli.run("predict", fifo.toString(), "digit.png"),
                "model " + fifo + " is a named pipe (FIFO), not a regular file");
    }

    @Test
    void predictSaysAModelLinkedToDevZeroIsADevice() {
        assertRefused(Cli.run("predict", zero.toString(), "digit.png"),
                "model " + zero + " is a link to /dev/zero, a character device, not a regular file");
    }

    @Test
    void evalSaysTheSame() {
        assertRefused(Cli.run("eval", fifo.toString()), "is a named pipe (FIFO), not a regular file");
    }

    @Test
    void predictSaysAPictureThatIsAPipeOrADeviceIsOne() {
        Cli.Result r = Cli.run("predict", run.toString(), fifo.toString(), zero.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("does not exist"), r.err());
        assertTrue(r.err().contains("image " + fifo + " is a named pipe (FIFO), not a regular file"), r.err());
        assertTrue(r.err().contains("image " + zero + " is a link to /dev/zero, a character device"), r.err());
    }

    @Test
    void aMissingModelStillDoesNotExist() {
        Cli.Result r = Cli.run("predict", dir.resolve("nothing.safetensors").toString(), "digit.png");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("nothing.safetensors does not exist"), r.err());
    }
}
