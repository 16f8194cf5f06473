package dev.descent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    static final Path CONFIGS = Path.of("..", "configs");
    static final String SEED = """
            seed: 7
            data: {dataset: mnist}
            network: {layers: [784, 16, 16, 10], activation: sigmoid}
            cost: {name: quadratic}
            init:
              weights: {name: gaussian, std: 1.0}
              biases: {name: gaussian}
            training: {epochs: 30, batch-size: 10, learning-rate: 3.0}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static Stream<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void everyShippedConfigLoads(Path file) {
        ExperimentConfig config = ConfigLoader.load(file, List.of());
        assertEquals(784, config.network().layers().getFirst());
    }

    @Test
    void seedConfigHasTheLessonsNetwork() {
        ExperimentConfig c = ConfigLoader.load(CONFIGS.resolve("mnist-seed.yaml"), List.of());
        assertEquals(List.of(784, 16, 16, 10), c.network().layers());
        assertEquals(13_002, c.network().parameterCount());
        assertEquals(Activation.SIGMOID, c.network().activation());
        assertEquals("quadratic", c.cost().name());
        assertEquals("gaussian", c.init().weights().name());
        assertEquals(30, c.training().epochs());
        assertEquals(10, c.training().batchSize());
        assertEquals("constant", c.training().learningRate().name());
        assertEquals(3.0, c.training().learningRate().parameters().get("rate"));
    }

    @Test
    void overridesReplaceValuesAndAreValidated() throws IOException {
        Path file = write(SEED);
        ExperimentConfig c = ConfigLoader.load(file, List.of("training.epochs=5", "network.layers=[784, 30, 10]",
                "training.learning-rate={name: constant, rate: 0.5}"));
        assertEquals(5, c.training().epochs());
        assertEquals(List.of(784, 30, 10), c.network().layers());
        assertEquals(0.5, c.training().learningRate().parameters().get("rate"));
        DescentException e = assertThrows(DescentException.class,
                () -> ConfigLoader.load(file, List.of("training.epochs=-1")));
        assertTrue(e.getMessage().contains("--set training.epochs=-1"), e.getMessage());
    }

    @Test
    void resolvedConfigReplaysToTheSameRecord() throws IOException {
        ExperimentConfig original = ConfigLoader.load(write(SEED), List.of("training.epochs=2"));
        Path replay = dir.resolve("replay.yaml");
        Files.writeString(replay, ConfigLoader.toYaml(original));
        assertEquals(original, ConfigLoader.load(replay, List.of()));
    }

    /** The learning rate is a plugin's parameter, checked by the plugin registry: see ConfigErrorsTest. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("training: {epochs: -1}", "training.epochs", "-1"),
                Arguments.of("training: {epochs: 2.5}", "training.epochs", "whole number"),
                Arguments.of("training: {batch-size: 0}", "training.batch-size", "0"),
                Arguments.of("training: {epochz: 3}", "training.epochz", "unknown key"),
                Arguments.of("trainingg: {epochs: 3}", "trainingg", "unknown key"),
                Arguments.of("network: {layers: [100, 16, 10]}", "network.layers", "784"),
                Arguments.of("network: {layers: [784, 16, 9]}", "network.layers", "10"),
                Arguments.of("network: {layers: [784, 0, 10]}", "network.layers", "784,0,10"),
                Arguments.of("network: {layers: [784, 16, 10], activation: softsign}", "network.activation",
                        "sigmoid, tanh, relu"),
                Arguments.of("data: {dataset: cifar}", "data.dataset", "mnist, fashion-mnist"),
                Arguments.of("seed: abc", "seed", "'abc'"),
                Arguments.of("cost: [1, 2]", "cost", "plugin name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void rejectsBadValuesNamingFileKeyAndValue(String block, String key, String fragment) throws IOException {
        // The seed config with one top-level block replaced by the bad one.
        String top = block.substring(0, block.indexOf(':'));
        StringBuilder yaml = new StringBuilder();
        SEED_BLOCKS.forEach((k, v) -> {
            if (!k.equals(top)) yaml.append(v).append('\n');
        });
        Path file = write(yaml + block + "\n");
        DescentException e = assertThrows(DescentException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    static final Map<String, String> SEED_BLOCKS = new LinkedHashMap<>(Map.of(
            "seed", "seed: 7",
            "data", "data: {dataset: mnist}",
            "network", "network: {layers: [784, 16, 16, 10], activation: sigmoid}",
            "cost", "cost: {name: quadratic}",
            "training", "training: {epochs: 30, batch-size: 10, learning-rate: 3.0}"));

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = write("");
        DescentException e = assertThrows(DescentException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        Path file = write(SEED + "seed: 8\n");
        DescentException e = assertThrows(DescentException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("seed") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotYaml() throws IOException {
        Path file = write("training: {epochs: [1,\n");
        DescentException e = assertThrows(DescentException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("YAML") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rejectsAliasBombs() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            String p = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    Collections.nCopies(10, p))).append("]\n");
        }
        Path file = write(yaml.toString());
        DescentException e = assertThrows(DescentException.class, () -> ConfigLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rejectsMissingFile() {
        DescentException e = assertThrows(DescentException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), List.of()));
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }
}
