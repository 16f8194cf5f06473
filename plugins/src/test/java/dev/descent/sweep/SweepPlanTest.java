package dev.descent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.config.SweepLoader;
import dev.descent.spi.PluginRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trial list: its order, ids, random draws, and validation of every trial before anything runs. */
class SweepPlanTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12}-s-?[0-9]+");

    @TempDir
    Path dir;

    @BeforeEach
    void baseConfig() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                seed: 7
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10]}
                training: {epochs: 30, batch-size: 10, learning-rate: 3.0, threads: 4}
                """);
    }

    private SweepPlan plan(String yaml) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "base: base.yaml\n" + yaml);
        return SweepPlan.of(SweepLoader.load(file), REGISTRY);
    }

    private DescentException rejected(String yaml, String... fragments) {
        DescentException e = assertThrows(DescentException.class, () -> plan(yaml));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void theGridTimesTheSeedsInOrderFirstKeySlowest() throws IOException {
        SweepPlan plan = plan("""
                set: {training.epochs: 2}
                grid:
                  training.learning-rate: [0.5, 1.0, 3.0]
                  network.layers: [[784, 16, 16, 10], [784, 30, 10]]
                seeds: [1, 2]
                """);
        List<PlannedTrial> trials = plan.trials();
        assertEquals(12, trials.size());
        assertEquals(6, plan.configurations());
        assertEquals(List.of("training.epochs=2", "training.learning-rate=0.5", "network.layers=[784,16,16,10]",
                "seed=1"),
                trials.get(0).overrides());
        assertEquals(List.of("training.epochs=2", "training.learning-rate=0.5", "network.layers=[784,16,16,10]",
                "seed=2"),
                trials.get(1).overrides());
        assertEquals(List.of("training.epochs=2", "training.learning-rate=0.5", "network.layers=[784,30,10]", "seed=1"),
                trials.get(2).overrides());
        assertEquals("training.learning-rate=3.0 network.layers=[784,30,10]", trials.get(11).configurationText());
        assertEquals(3.0, trials.get(11).config().training().learningRate().parameters().get("rate"));
        assertEquals(List.of(784, 30, 10), trials.get(11).config().network().layers());
        assertEquals(2, trials.get(11).config().training().epochs());
        assertEquals(2, trials.get(11).config().seed());
        Set<String> ids = new HashSet<>();
        for (PlannedTrial t : trials) {
            assertTrue(ID.matcher(t.id()).matches(), t.id());
            assertTrue(ids.add(t.id()), "distinct ids");
            assertEquals(t.configuration() + "-s" + t.seed(), t.id());
            assertEquals(1, t.config().training().threads(), "every trial runs on one thread");
            assertEquals(t.id(), t.shipped().id());
        }
        assertEquals(trials.get(0).configuration(), trials.get(1).configuration(), "seeds share a configuration");
        assertNotEquals(trials.get(0).configuration(), trials.get(2).configuration());
    }

    @Test
    void idsDependOnTheOverridesNotOnTheirOrderInTheFile() throws IOException {
        List<String> a = plan("grid: {training.learning-rate: [0.5, 1.0], training.batch-size: [10, 20]}\n").trials()
                .stream().map(PlannedTrial::id).sorted().toList();
        List<String> b = plan("grid: {training.batch-size: [20, 10], training.learning-rate: [1.0, 0.5]}\n").trials()
                .stream().map(PlannedTrial::id).sorted().toList();
        assertEquals(a, b);
        List<String> c = plan("grid: {training.learning-rate: [0.5, 1.0], training.batch-size: [10, 30]}\n").trials()
                .stream().map(PlannedTrial::id).sorted().toList();
        assertNotEquals(a, c);
    }

    @Test
    void withoutSeedsEachConfigurationRunsOnceWithTheBasesSeed() throws IOException {
        List<PlannedTrial> trials = plan("grid: {training.epochs: [1, 2]}\n").trials();
        assertEquals(2, trials.size());
        assertTrue(trials.get(0).id().endsWith("-s7"), trials.get(0).id());
        assertEquals(7, trials.get(0).seed());
        assertEquals(List.of("training.epochs=1"), trials.get(0).overrides());
    }

    @Test
    void withoutGridOrRandomTheBaseIsTheOneConfiguration() throws IOException {
        SweepPlan plan = plan("seeds: 3\n");
        assertEquals(3, plan.trials().size());
        assertEquals(1, plan.configurations());
        assertEquals("(base)", plan.trials().getFirst().configurationText());
    }

    @Test
    void randomConfigurationsAreDrawnTheSameEveryTimeAndAddedToTheGrid() throws IOException {
        String yaml = """
                grid:
                  training.learning-rate: [0.5, 1.0, 3.0]
                random:
                  trials: 20
                  space:
                    training.batch-size: {choice: [10, 32, 100]}
                    training.learning-rate: {log-uniform: [0.01, 10]}
                    network.layers: {choice: [[784, 16, 16, 10], [784, 30, 10]]}
                    training.weight-decay: {uniform: [0, 0.001]}
                    training.epochs: {int-uniform: [1, 3]}
                seeds: [1, 2]
                """;
        List<PlannedTrial> first = plan(yaml).trials();
        List<PlannedTrial> again = plan(yaml).trials();
        assertEquals(first.stream().map(PlannedTrial::overrides).toList(),
                again.stream().map(PlannedTrial::overrides).toList());
        assertEquals((3 + 20) * 2, first.size());
        assertEquals(List.of("training.learning-rate=0.5", "seed=1"), first.get(0).overrides());
        for (PlannedTrial t : first.subList(6, first.size())) {
            assertEquals(6, t.overrides().size(),
                    "a random configuration sets the space's keys only: " + t.overrides());
            double rate = (Double) t.config().training().learningRate().parameters().get("rate");
            assertTrue(rate >= 0.01 && rate <= 10, "log-uniform in range: " + rate);
            assertTrue(new BigDecimal(Double.toString(rate)).stripTrailingZeros().precision() <= 4,
                    "4 digits: " + rate);
            assertTrue(List.of(10, 32, 100).contains(t.config().training().batchSize()));
            assertTrue(t.config().training().epochs() >= 1 && t.config().training().epochs() <= 3);
            double decay = t.config().training().weightDecay();
            assertTrue(decay >= 0 && decay <= 0.001, "uniform in range: " + decay);
        }
        assertNotEquals(first.stream().map(PlannedTrial::overrides).toList(),
                plan(yaml.replace("trials: 20", "trials: 20\n  seed: 2")).trials().stream().map(PlannedTrial::overrides)
                        .toList(), "random.seed changes the draws");
    }

    @Test
    void aSpaceTooSmallForTheTrialsIsRefused() {
        rejected("random: {trials: 4, space: {training.batch-size: {choice: [10, 20, 30]}}}\n", "random.trials",
                "asks for 4", "only 3");
    }

    @Test
    void anInvalidValueInOneTrialNamesTheTrialAndTheKey() {
        rejected("grid: {training.learning-rate: [0.5, -1.0]}\nseeds: [1, 2]\n", "trial 3", "-s1",
                "training.learning-rate=-1.0",
                "invalid value -1.0 at training.learning-rate", "(from sweep training.learning-rate=-1.0)",
                        "sweep.yaml");
    }

    @Test
    void anUnknownKeyNamesTheTrialAndTheKey() {
        rejected("grid: {training.learning-rat: [0.5]}\n", "trial 1",
                "unknown key 'learning-rat' at training.learning-rat");
    }

    @Test
    void anUnknownPluginNamesTheTrial() {
        rejected("grid: {cost.name: [quadratic, quadratc]}\n", "trial 2", "cost.name=quadratc",
                "unknown cost 'quadratc'");
    }

    @Test
    void anInvalidDrawnValueNamesTheTrial() {
        rejected("random: {trials: 5, space: {training.batch-size: {int-uniform: [-5, 0]}}}\n", "trial 1",
                "training.batch-size");
    }

    @Test
    void aValidationMetricNeedsAValidationSet() {
        rejected("metric: validation_accuracy\n", "trial 1", "validation_accuracy", "data.validation");
    }
}
