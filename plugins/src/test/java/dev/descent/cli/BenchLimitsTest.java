package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code descent bench} refuses up front, with one line and exit code 2, rather than failing inside. */
class BenchLimitsTest {
    @Test
    void refusesABatchLargerThanTheEpochItReportsOn() {
        Cli.Result r = Cli.run("bench", "../configs/mnist-seed.yaml", "--quick", "--set",
                "training.batch-size=1000000");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("NegativeArraySize"), r.err());
        assertTrue(r.err().contains("training.batch-size 1000000 (from --set training.batch-size=1000000)"), r.err());
        assertTrue(r.err().contains("at most 60000"), r.err());
    }

    @Test
    void benchAcceptsVerbose() {
        Cli.Result r = Cli.run("bench", "../configs/mnist-seed.yaml", "--verbose", "--set",
                "training.batch-size=1000000");
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("Unknown option"), r.err());
    }
}
