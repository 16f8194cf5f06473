package dev.descent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.PluginSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records a config binds to carry where they came from (the file, the overrides), without it
 * being part of their value; {@code --set KEY.name=OTHER} replaces a plugin, dropping what the file
 * gave the old one with a note; the shorthands of plugin keys bind as their mappings.
 */
class ConfigSourceTest {
    private static final String BASE = """
            network: {layers: [784, 16, 10]}
            cost: {name: huber, delta: 0.5}
            init:
              weights: {name: gaussian, mean: 0.0, std: 1.0}
            training:
              learning-rate: {name: warmup, steps: 5, then: {name: cosine, rate: 1.0, floor: 0.01}}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void pluginSpecsCarryTheFileAndTheOverrideThatSetThem() throws IOException {
        Path file = write("exp.yaml", BASE);
        ExperimentConfig c = ConfigLoader.load(file, List.of("cost.delta=2"));
        assertEquals(file.toString(), c.source().file());
        assertEquals(" (from --set cost.delta=2) in " + file, c.cost().source().describe("cost.delta"));
        assertEquals(" in " + file, c.cost().source().describe("cost.name"));
        assertEquals(" at init.weights.std in " + file, c.init().weights().describe("std"));
    }

    @Test
    void equalityIgnoresWhereAConfigWasReadFrom() throws IOException {
        ExperimentConfig fromFile = ConfigLoader.load(write("exp.yaml", BASE), List.of("training.epochs=3"));
        ExperimentConfig fromYaml = ConfigLoader.parse(ConfigLoader.toYaml(fromFile), "run/config.yaml");
        assertNotEquals(fromFile.source(), fromYaml.source());
        assertEquals(fromFile, fromYaml);
        assertEquals(fromFile.hashCode(), fromYaml.hashCode());
        assertEquals(fromFile.cost(), fromYaml.cost());
    }

    @Test
    void theMostSpecificOverrideIsNamed() {
        ConfigSource source = ConfigSource.of("exp.yaml").withOverride("cost", "--set cost=huber")
                .withOverride("cost.delta", "--set cost.delta=-1");
        assertEquals(" (from --set cost.delta=-1) in exp.yaml", source.describe("cost.delta"));
        assertEquals(" (from --set cost=huber) in exp.yaml", source.describe("cost.name"));
        assertEquals(" in exp.yaml", source.describe("seed"));
        assertEquals("", ConfigSource.NONE.describe("seed"));
    }

    @Test
    void numberAndNameShorthandsBindAsTheirMappings() throws IOException {
        ExperimentConfig shorthand = ConfigLoader.load(write("a.yaml", """
                network: {layers: [784, 10]}
                cost: huber
                training: {learning-rate: 0.5, optimizer: adam}
                """), List.of());
        ExperimentConfig mapping = ConfigLoader.load(write("b.yaml", """
                network: {layers: [784, 10]}
                cost: {name: huber}
                training: {learning-rate: {name: constant, rate: 0.5}, optimizer: {name: adam}}
                """), List.of());
        assertEquals(mapping, shorthand);
    }

    @Test
    void anAbsentLearningRateLeavesItsDefaultToTheSchedule() throws IOException {
        ExperimentConfig c = ConfigLoader.load(write("exp.yaml", "network: {layers: [784, 10]}\n"), List.of());
        assertEquals(new PluginSpec("constant", Map.of(), "training.learning-rate"), c.training().learningRate());
    }

    @Test
    void overridesReachIntoAShorthand() throws IOException {
        Path file = write("exp.yaml", "network: {layers: [784, 10]}\ncost: huber\ntraining: {learning-rate: 3.0}\n");
        ExperimentConfig c = ConfigLoader.load(file, List.of("training.learning-rate.rate=0.5", "cost.delta=0.25"));
        assertEquals(new PluginSpec("constant", Map.of("rate", 0.5), "training.learning-rate"),
                c.training().learningRate());
        assertEquals(new PluginSpec("huber", Map.of("delta", 0.25), "cost"), c.cost());
    }

    @Test
    void settingAPluginsNameDropsTheParametersTheFileGaveTheOldOneWithOneNote() throws IOException {
        List<String> notes = new ArrayList<>();
        ExperimentConfig c = ConfigLoader.load(write("exp.yaml", BASE),
                List.of("init.weights.name=he-normal", "training.learning-rate.then.name=step"), notes::add);
        assertEquals(List.of("init.weights: dropped mean, std of gaussian for he-normal",
                "training.learning-rate.then: dropped rate, floor of cosine for step"), notes);
        assertEquals(PluginSpec.of("he-normal", "init.weights"), c.init().weights());
        assertEquals(Map.of("steps", 5L, "then", new PluginSpec("step", Map.of(), "training.learning-rate.then")),
                c.training().learningRate().parameters());
    }

    @Test
    void parametersSetByOverridesSurviveAChangeOfName() throws IOException {
        List<String> notes = new ArrayList<>();
        ExperimentConfig c = ConfigLoader.load(write("exp.yaml", BASE),
                List.of("init.weights.low=-0.5", "init.weights.name=uniform", "init.weights.high=0.5"), notes::add);
        assertEquals(List.of("init.weights: dropped mean, std of gaussian for uniform"), notes);
        assertEquals(new PluginSpec("uniform", Map.of("low", -0.5, "high", 0.5), "init.weights"), c.init().weights());
    }

    @Test
    void theSameNameOrAPluginWithoutParametersDropsNothing() throws IOException {
        List<String> notes = new ArrayList<>();
        ExperimentConfig c = ConfigLoader.load(write("exp.yaml", BASE),
                List.of("cost.name=huber", "init.biases.name=zeros", "training.optimizer.name=adam"), notes::add);
        assertEquals(List.of(), notes);
        assertEquals(Map.of("delta", 0.5), c.cost().parameters());
    }

    @Test
    void pluginsDirResolvesAgainstTheConfigFilesFolder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path file = Files.writeString(sub.resolve("exp.yaml"),
                "network: {layers: [784, 10]}\nplugins: {dir: ../jars}\n");
        assertEquals(dir.resolve("jars").toAbsolutePath().normalize().toString(),
                ConfigLoader.load(file, List.of()).pluginsDir());
        String absolute = dir.resolve("elsewhere").toAbsolutePath().toString();
        assertEquals(absolute, ConfigLoader.load(file, List.of("plugins.dir=" + absolute)).pluginsDir());
    }

    @Test
    void anUnknownSweepKeyListsEveryValidKey() throws IOException {
        write("base.yaml", "network: {layers: [784, 10]}\n");
        Path sweep = write("sweep.yaml", "base: base.yaml\nrandon: {trials: 3}\n");
        DescentException e = assertThrows(DescentException.class, () -> SweepLoader.load(sweep));
        assertTrue(e.getMessage().contains("(did you mean 'random'?); valid keys: base, set, grid, random, seeds,"
                + " metric, engine"), e.getMessage());
    }

    @Test
    void nullInASweepFileIsRefused() throws IOException {
        write("base.yaml", "network: {layers: [784, 10]}\n");
        Path sweep = write("sweep.yaml", "base: base.yaml\nseeds: ~\n");
        DescentException e = assertThrows(DescentException.class, () -> SweepLoader.load(sweep));
        assertTrue(e.getMessage().contains("invalid value null at seeds in " + sweep), e.getMessage());
    }
}
