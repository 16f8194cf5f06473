package dev.descent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.DescentException;
import dev.descent.config.SweepConfig.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sweep files: their own keys and shapes; whether trials make valid experiments is SweepPlan's business. */
class SweepLoaderTest {
    @TempDir
    Path dir;
    Path sweeps;

    @BeforeEach
    void baseConfig() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), ConfigLoaderTest.SEED);
        sweeps = Files.createDirectories(dir.resolve("sweeps"));
    }

    private SweepConfig load(String yaml) throws IOException {
        Path file = sweeps.resolve("s.yaml");
        Files.writeString(file, yaml);
        return SweepLoader.load(file);
    }

    private DescentException rejected(String yaml, String... fragments) {
        DescentException e = assertThrows(DescentException.class, () -> load(yaml));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void readsTheIssuesExample() throws IOException {
        SweepConfig s = load("""
                base: ../base.yaml
                grid:
                  training.learning-rate: [0.5, 1.0, 3.0]
                  network.layers: [[784, 16, 16, 10], [784, 30, 10]]
                random:
                  trials: 20
                  space:
                    training.batch-size: {choice: [10, 32, 100]}
                    training.learning-rate: {log-uniform: [0.01, 10]}
                seeds: [1, 2, 3]
                metric: {name: test_accuracy, goal: maximize}
                engine: {name: local, parallel: 2}
                """);
        assertEquals(dir.resolve("base.yaml").normalize(), s.base().normalize());
        assertEquals(2, s.grid().size());
        assertEquals(List.of("0.5", "1.0", "3.0"), s.grid().get(0).values());
        assertEquals(List.of("[784,16,16,10]", "[784,30,10]"), s.grid().get(1).values());
        assertEquals(20, s.random().trials());
        assertEquals(1, s.random().seed(), "random.seed defaults to 1");
        assertEquals(new Distribution.Choice(List.of("10", "32", "100")), s.random().space().get(0).distribution());
        assertEquals(new Distribution.LogUniform(0.01, 10), s.random().space().get(1).distribution());
        assertEquals(List.of(1L, 2L, 3L), s.seeds());
        assertEquals(new SweepConfig.Metric("test_accuracy", true), s.metric());
        assertEquals("local", s.engine().name());
        assertEquals(Map.of("parallel", 2L), s.engine().parameters());
    }

    @Test
    void defaultsToTheBaseAloneOnTheLocalEngineRankedByTestAccuracy() throws IOException {
        SweepConfig s = load("base: ../base.yaml\n");
        assertTrue(s.grid().isEmpty());
        assertNull(s.random());
        assertTrue(s.seeds().isEmpty());
        assertEquals(new SweepConfig.Metric("test_accuracy", true), s.metric());
        assertEquals("local", s.engine().name());
    }

    @Test
    void aSeedCountMeansOneToN() throws IOException {
        assertEquals(List.of(1L, 2L, 3L, 4L), load("base: ../base.yaml\nseeds: 4\n").seeds());
    }

    @Test
    void costMetricsAreMinimizedUnlessTheGoalSaysOtherwise() throws IOException {
        assertFalse(load("base: ../base.yaml\nmetric: test_cost\n").metric().maximize());
        assertTrue(load("base: ../base.yaml\nmetric: {name: final_cost, goal: maximize}\n").metric().maximize());
    }

    @Test
    void setHoldsOverridesForEveryTrial() throws IOException {
        SweepConfig s = load("base: ../base.yaml\nset: {training.epochs: 2, cost: {name: huber, delta: 0.5}}\n");
        assertEquals(List.of("training.epochs=2", "cost={name: huber, delta: 0.5}"), s.fixed());
    }

    @Test
    void rejectsAMissingBase() {
        rejected("grid: {training.epochs: [1]}\n", "missing key base", "s.yaml");
        rejected("base: nowhere.yaml\n", "nowhere.yaml", "does not exist", "relative to the sweep file");
    }

    @Test
    void rejectsAnUnknownTopLevelKeyListingTheValidOnes() {
        rejected("base: ../base.yaml\ngrids: {training.epochs: [1]}\n", "unknown key 'grids'", "s.yaml", "grid",
                "seeds");
    }

    @Test
    void rejectsASeedInTheGridPointingToSeeds() {
        rejected("base: ../base.yaml\ngrid: {seed: [1, 2]}\n", "grid.seed", "seeds: [1, 2, 3]");
    }

    @Test
    void rejectsAGridValueThatIsNotAList() {
        rejected("base: ../base.yaml\ngrid: {training.learning-rate: 0.5}\n", "grid.training.learning-rate", "0.5",
                "non-empty list");
    }

    @Test
    void rejectsRepeatedGridValues() {
        rejected("base: ../base.yaml\ngrid: {training.epochs: [1, 2, 1]}\n", "grid.training.epochs", "distinct");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{log-uniform: [0, 1]}", "{uniform: [2, 1]}", "{int-uniform: [1.5, 3]}", "{choice: []}",
            "{choice: [1], uniform: [0, 1]}", "[0.1, 1]"})
    void rejectsMalformedDistributions(String distribution) {
        rejected("base: ../base.yaml\nrandom: {trials: 3, space: {training.learning-rate: " + distribution + "}}\n",
                "random.space.training.learning-rate", "s.yaml");
    }

    @Test
    void rejectsAnUnknownDistributionListingTheKnownOnes() {
        rejected("base: ../base.yaml\nrandom: {trials: 3, space: {training.learning-rate: {normal: [0, 1]}}}\n",
                "unknown distribution 'normal'", "choice, uniform, log-uniform, int-uniform");
    }

    @Test
    void rejectsRandomWithoutTrials() {
        rejected("base: ../base.yaml\nrandom: {space: {training.epochs: {int-uniform: [1, 3]}}}\n", "random.trials");
    }

    @Test
    void rejectsAnUnknownMetricListingTheKnownOnes() {
        rejected("base: ../base.yaml\nmetric: {name: accuracy}\n", "metric.name", "test_accuracy, test_cost");
    }

    @Test
    void rejectsRepeatedSeeds() {
        rejected("base: ../base.yaml\nseeds: [1, 2, 1]\n", "seeds", "distinct");
    }

    @ParameterizedTest
    @ValueSource(strings =
            {"0.5", "1.0E-4", "3", "-2", "[784,30,10]", "{name: adam, beta1: 0.9}", "quadratic", "\"yes\"",
            "\"1.5\"", "\"two words\"", "[]", "{name: warmup, steps: 5, then: {name: cosine, rate: 1.0}}", "true"})
    void writesValuesAsSetValuesThatReadBackTheSame(String yaml) {
        JsonNode node = ConfigLoader.parseValue(yaml);
        String text = FlowYaml.render(node);
        assertEquals(node, ConfigLoader.parseValue(text), yaml + " written as " + text);
        assertFalse(text.contains(", ") && node.isArray(), "lists carry no spaces: " + text);
    }
}
