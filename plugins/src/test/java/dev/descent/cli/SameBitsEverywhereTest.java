package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run trained with the SIMD kernels (at the width this JVM runs them: the build repeats this class
 * at 128 and 256 bits) on one or two threads writes the model file and the metrics of the same run on
 * the scalar kernels, byte for byte: every built-in cost, optimizer, dropout and weight decay, on the
 * W1 and W3 shapes and odd ones.
 */
class SameBitsEverywhereTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        // W1 with plain SGD: the weight step fused into the backward pass.
        "network: {layers: [784, 16, 16, 10], activation: sigmoid}\n"
                + "cost: {name: quadratic}\ntraining: {batch-size: 10, learning-rate: 3.0}",
        // W3's shape: 512-wide sums in the block order.
        "network: {layers: [784, 512, 512, 10], activation: relu}\n"
                + "cost: {name: softmax-cross-entropy}\ninit: {weights: {name: scaled-gaussian}}\n"
                + "training: {batch-size: 20, learning-rate: 0.001, optimizer: {name: adam}}",
        "network: {layers: [784, 40, 33, 10], activation: sigmoid}\n"
                + "cost: {name: cross-entropy}\ninit: {weights: {name: scaled-gaussian}}\n"
                + "training: {batch-size: 1, learning-rate: 0.1, optimizer: {name: momentum}, weight-decay: 1e-4,"
                + " dropout: 0.2}",
        "network: {layers: [784, 47, 41, 10], activation: tanh}\n"
                + "cost: {name: huber, delta: 0.5}\ninit: {weights: {name: scaled-gaussian}}\n"
                + "training: {batch-size: 40, learning-rate: 0.01, optimizer: {name: adamw}, dropout: [0.1, 0.3]}"
    })
    void simdOnOneAndTwoThreadsWritesTheScalarRunsModelAndMetrics(String body) throws IOException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "seed: 5\ndata: {dataset: mnist}\n" + body.replace("training: {",
                "training: {epochs: 2, "));
        Path scalar = train(config, data, "scalar", 1);
        for (int threads = 1; threads <= 2; threads++) {
            Path simd = train(config, data, "simd", threads);
            String what = "simd on " + threads + " thread(s) for\n" + body;
            assertArrayEquals(Files.readAllBytes(scalar.resolve("model.safetensors")),
                    Files.readAllBytes(simd.resolve("model.safetensors")), what);
            assertEquals(figures(scalar), figures(simd), what);
        }
    }

    private Path train(Path config, Path data, String kernels, int threads) {
        Path out = dir.resolve(kernels + "-" + threads);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", out.toString(),
                "--quiet", "--set", "training.kernels=" + kernels, "--set", "training.threads=" + threads);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** metrics.csv without its timing columns (seconds, samples per second). */
    private static List<List<String>> figures(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .map(line -> Arrays.asList(line.split(",")).subList(0, 6))
                .toList();
    }
}
