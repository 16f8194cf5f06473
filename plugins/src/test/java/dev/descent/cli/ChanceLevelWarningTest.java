package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set training.optimizer=adam} keeps the seed's SGD rate of 3.0 and trains to the accuracy of
 * guessing: the run says so after its first epoch, in one line on stderr naming the likely causes.
 * A run that learns says nothing.
 */
class ChanceLevelWarningTest {
    private static final Path SEED = Path.of("..", "configs", "mnist-seed.yaml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static String data() {
        String root = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(root != null && Files.isRegularFile(Path.of(root, "mnist/train-images-idx3-ubyte.gz")),
                "needs the shared MNIST data (DESCENT_DATA)");
        return root;
    }

    @Test
    void aFirstEpochAtChanceLevelIsWarnedAboutWithTheLikelyCauses() {
        Cli.Result r = Cli.run("train", SEED.toString(), "--data", data(), "--out", dir.resolve("adam").toString(),
                "--set", "training.epochs=1", "--set", "training.optimizer=adam");
        assertEquals(0, r.exitCode(), r.err());
        String warning = r.err().lines().filter(l -> l.contains("warning")).reduce((a, b) -> a + "\n" + b).orElse("");
        assertEquals(1, warning.lines().count(), r.err());
        assertTrue(warning.startsWith("descent: warning: test accuracy 0.")
                && warning.contains("chance level for 10 classes")
                && warning.contains("learning rate 3 is too high or too low for the adam optimizer")
                && warning.contains("--set training.learning-rate=0.001") && warning.contains("init.weights"), warning);
    }

    @Test
    void aRunThatLearnsIsNotWarnedAbout() {
        Cli.Result r = Cli.run("train", SEED.toString(), "--data", data(), "--out", dir.resolve("sgd").toString(),
                "--set", "training.epochs=1");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
    }
}
