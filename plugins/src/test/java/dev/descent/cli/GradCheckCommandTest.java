package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code descent gradcheck}: every built-in cost passes, a cost whose gradient is not its derivative fails. */
class GradCheckCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path config;

    @BeforeAll
    static void writeDataAndConfig() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        config = dir.resolve("small.yaml");
        Files.writeString(config, """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 12, 10], activation: sigmoid}
                cost: {name: quadratic}
                init:
                  weights: {name: scaled-gaussian}
                  biases: {name: gaussian, std: 0.5}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
    }

    /** Each built-in cost with each activation it is defined on. */
    static Stream<Arguments> builtInCosts() {
        return Stream.of(
                Arguments.of("quadratic", "sigmoid"), Arguments.of("quadratic", "tanh"),
                Arguments.of("quadratic", "relu"),
                Arguments.of("cross-entropy", "sigmoid"),
                Arguments.of("softmax-cross-entropy", "sigmoid"), Arguments.of("softmax-cross-entropy", "tanh"),
                Arguments.of("softmax-cross-entropy", "relu"),
                Arguments.of("huber", "sigmoid"), Arguments.of("huber", "tanh"), Arguments.of("huber", "relu"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("builtInCosts")
    void passesEveryBuiltInCost(String cost, String activation) {
        Cli.Result r = Cli.run("gradcheck", config.toString(), "--data", data.toString(), "--samples", "10",
                "--set", "cost.name=" + cost, "--set", "network.activation=" + activation);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("descent: gradcheck passed: largest relative error"), r.out());
        assertTrue(r.out().contains("tolerance 2.0e-02"), r.out());
    }

    @Test
    void printsTheLargestErrorOfEveryLayersWeightsAndBiases() {
        Cli.Result r = Cli.run("gradcheck", config.toString(), "--data", data.toString(), "--samples", "4");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String error = "\\d\\.\\de-\\d\\d";
        List<String> rows = r.out().lines().filter(l -> l.matches(" +[12]  " + error + "  +" + error + " .*")).toList();
        assertEquals(2, rows.size(), r.out());
        // 4 samples x (784 x 12 + 12) parameters of layer 1, none skipped: sigmoid has no kink.
        assertTrue(rows.getFirst().matches(" +1 .* 37,680  0"), rows.getFirst());
        assertTrue(r.out().contains("4 of 40 training samples of mnist"), r.out());
    }

    @Test
    void failsACostPluginWhoseGradientIsNotTheDerivativeOfItsCost() throws IOException {
        Path plugins = FaultyPlugins.costs(dir.resolve("plugins"));
        Cli.Result r = Cli.run("gradcheck", config.toString(), "--data", data.toString(),
                "--plugins", plugins.toString(), "--set", "cost.name=wrong-gradient-cost");
        assertEquals(GradCheckCommand.EXIT_MISMATCH, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("descent: gradcheck FAILED: layer 1 weights relative error 5.00e-01 > tolerance"),
                r.out());
        assertTrue(r.out().contains("layer 2 biases relative error 5.00e-01"), r.out());
        assertTrue(r.out().contains("cost wrong-gradient-cost (faulty-costs.jar)"), r.out());
    }

    @Test
    void refusesASampleCountTheTrainingSetDoesNotHave() {
        Cli.Result none = Cli.run("gradcheck", config.toString(), "--data", data.toString(), "--samples", "0");
        assertEquals(2, none.exitCode());
        assertEquals("descent: --samples 0: give at least 1 sample\n", none.err());
        Cli.Result many = Cli.run("gradcheck", config.toString(), "--data", data.toString(), "--samples", "41");
        assertEquals(2, many.exitCode());
        assertTrue(many.err().contains("--samples 41: the training set ") && many.err().contains("has only 40 samples"),
                many.err());
    }

    @Test
    void namesTheSetThatBreaksTheConfig() {
        Cli.Result r = Cli.run("gradcheck", config.toString(), "--data", data.toString(),
                "--set", "cost.name=quadratc");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("quadratc") && r.err().contains("quadratic"), r.err());
    }

    @Test
    void passesTheSeedConfigOnMnist() {
        Cli.Result r = Cli.run("gradcheck", "../configs/mnist-seed.yaml", "--quiet");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("descent: gradcheck passed"), r.out());
    }
}
