package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void countsTheSeedNetworksArithmeticAsTheAnchorsDo() {
        // anchors/README.md: 27,636 multiply-adds per sample at batch 10 (forward 12,960, weight
        // gradients 12,960, errors 416, update 1,300 per sample); the update here counts 13,002
        // parameters per batch exactly, where the anchors round to 1,300 per sample.
        long flops = BenchCommand.flopsPerStep(List.of(784, 16, 16, 10), 10);
        assertEquals(2L * (10 * (12_960 + 12_960 + 416) + 13_002), flops);
    }

    @Test
    void quickBenchPrintsATableForBothKernels() {
        Cli.Result r = Cli.run("bench", "../configs/mnist-seed.yaml", "--quick", "--set",
                "network.layers=[784, 8, 10]");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ms/60k epoch") && r.out().contains("GFLOP/s"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("scalar")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("simd")), r.out());
    }

    @Test
    void threadsAddARowForTheParallelKernelsAndBadCountsAreRefused() {
        Cli.Result r = Cli.run("bench", "../configs/mnist-seed.yaml", "--quick", "--threads", "2",
                "--set", "network.layers=[784, 64, 10]", "--set", "training.batch-size=128");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("simd\\s+2\\s.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("simd\\s+1\\s.*")), r.out());

        Cli.Result bad = Cli.run("bench", "../configs/mnist-seed.yaml", "--quick", "--threads", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--threads"), bad.err());
    }
}
