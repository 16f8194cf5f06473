package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cost paired with an output activation it is not defined on (cross-entropy's logarithms on tanh or
 * ReLU outputs) is refused before anything runs, naming both keys and the fix; the pairs a cost does
 * define still train, and a plugin jar's cost is held to what it declares.
 */
class CostActivationTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void smallDataSet() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
    }

    @ParameterizedTest
    @CsvSource({"tanh", "relu"})
    void refusesCrossEntropyOnOutputsThatAreNotSigmoid(String activation) throws IOException {
        Path config = config("cross-entropy", activation);
        Cli.Result r = train(config);
        assertRefused(r, "cost 'cross-entropy' at cost.name is defined on sigmoid outputs, but network.activation is "
                + activation + " in " + config + "; use network.activation: sigmoid, or a cost defined on "
                + activation + " outputs: huber, quadratic, softmax-cross-entropy");
    }

    @Test
    void namesTheSetThatMadeThePairWrong() throws IOException {
        Path config = config("cross-entropy", "sigmoid");
        Cli.Result r = train(config, "--set", "network.activation=relu");
        assertRefused(r, "cost 'cross-entropy' at cost.name in " + config,
                "network.activation is relu (from --set network.activation=relu)", "use network.activation: sigmoid");
    }

    @Test
    void namesTheSetOfTheCost() throws IOException {
        Path config = config("quadratic", "tanh");
        Cli.Result r = train(config, "--set", "cost.name=cross-entropy");
        assertRefused(r, "cost 'cross-entropy' at cost.name (from --set cost.name=cross-entropy)",
                "network.activation is tanh in " + config);
    }

    @ParameterizedTest
    @CsvSource({"cross-entropy, sigmoid", "quadratic, tanh", "quadratic, relu", "huber, tanh", "huber, relu",
            "softmax-cross-entropy, tanh", "softmax-cross-entropy, relu"})
    void trainsThePairsACostIsDefinedOn(String cost, String activation) throws IOException {
        Cli.Result r = train(config(cost, activation));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aSweepTrialWithAnUndefinedPairStopsTheSweepBeforeItStarts() throws IOException {
        config("base", "quadratic", "tanh");
        Path sweep = dir.resolve("sweep.yaml");
        Files.writeString(sweep, "base: base.yaml\ngrid: {cost.name: [quadratic, cross-entropy]}\n");
        Path out = dir.resolve("sweep-out");
        Cli.Result r = Cli.run("sweep", sweep.toString(), "--data", data.toString(), "--out", out.toString());
        assertRefused(r, "trial 2", "sweep.yaml", "cost 'cross-entropy' at cost.name", "network.activation is tanh");
        assertFalse(Files.exists(out), "nothing trained");
    }

    @Test
    void holdsAPluginJarsCostToTheActivationsItDeclares() throws IOException {
        Path plugins = FaultyPlugins.picky(dir.resolve("plugins"));
        Cli.Result r = train(config("sigmoid-only-cost", "tanh"), "--plugins", plugins.toString());
        // Checked once the jar is loaded, yet still named with the file: the config carries its source.
        assertRefused(r, "cost 'sigmoid-only-cost' at cost.name is defined on sigmoid outputs, but network.activation"
                + " is tanh in ", "sigmoid-only-cost-tanh.yaml; use network.activation: sigmoid, or a cost defined"
                + " on tanh outputs:");
        assertEquals(0, train(config("sigmoid-only-cost", "sigmoid"), "--plugins", plugins.toString()).exitCode());
    }

    @Test
    void aPluginJarsCostThatDeclaresNothingTakesAnyActivation() throws IOException {
        Path plugins = FaultyPlugins.costs(dir.resolve("plugins"));
        Cli.Result r = train(config("flaky-cost", "relu"), "--plugins", plugins.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void pluginsListingSaysWhichOutputsCrossEntropyNeeds() {
        Cli.Result r = Cli.run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        String listing = r.out().substring(r.out().indexOf("  cross-entropy"), r.out().indexOf("  huber"));
        assertTrue(listing.contains("network.activation: sigmoid only"), listing);
        String others = r.out().substring(r.out().indexOf("  huber"), r.out().indexOf("initializer ("));
        assertFalse(others.contains("only"), others);
    }

    private static void assertRefused(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    private Cli.Result train(Path config, String... extra) {
        Path run = dir.resolve("runs").resolve(config.getFileName().toString());
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", data.toString(), "--out",
                run.toString(), "--quiet"));
        args.addAll(Arrays.asList(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        if (r.exitCode() != 0) assertFalse(Files.exists(run), "nothing written: " + r.err());
        return r;
    }

    private Path config(String cost, String activation) throws IOException {
        return config(cost + "-" + activation, cost, activation);
    }

    private Path config(String name, String cost, String activation) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                seed: 2
                data: {dataset: mnist}
                network: {layers: [784, 8, 10], activation: %s}
                cost: {name: %s}
                training: {epochs: 1, batch-size: 10, learning-rate: 0.5}
                """.formatted(activation, cost));
        return config;
    }
}
