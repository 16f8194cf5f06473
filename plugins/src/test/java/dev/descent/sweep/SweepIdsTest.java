package dev.descent.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.config.SweepLoader;
import dev.descent.spi.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration ids: unique within a plan by construction, the same for the same overrides from one plan to
 * the next (a rerun finds its finished trials by them).
 */
class SweepIdsTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

    @TempDir
    Path dir;

    @Test
    void ratesWhoseEightDigitHashesCollideGetDistinctIds() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10]}
                training: {epochs: 1, batch-size: 10, learning-rate: 3.0}
                """);
        Path file = dir.resolve("sweep.yaml");
        // Both overrides' SHA-256 start with 0592b8ea: 0.1.0 stopped with "share the id 0592b8ea".
        Files.writeString(file, "base: base.yaml\ngrid: {training.learning-rate: [2713, 22221]}\nseeds: [1, 2]\n");
        List<PlannedTrial> trials = SweepPlan.of(SweepLoader.load(file), REGISTRY).trials();
        assertEquals(List.of("0592b8ea556e-s1", "0592b8ea556e-s2", "0592b8eaabfa-s1", "0592b8eaabfa-s2"),
                trials.stream().map(PlannedTrial::id).toList());
    }

    @Test
    void theLargestRandomSweepGetsDistinctIdsWhereEightDigitsCollide() {
        // Seed 2's 100,000 draws hold two pairs whose hashes share their first 8 digits.
        List<List<String>> configurations = randomConfigurations(SweepPlan.MAX_TRIALS, 2);
        List<String> ids = SweepPlan.configurationIds(configurations, SweepPlan.ID_DIGITS);
        assertEquals(configurations.size(), new HashSet<>(ids).size(), "distinct ids");
        // The birthday bound at work: these configurations' first 8 digits (0.1.0's ids) do repeat.
        List<String> eightDigits = SweepPlan.configurationIds(configurations, 64).stream().map(h -> h.substring(0, 8))
                .toList();
        assertEquals(configurations.size() - 2, new HashSet<>(eightDigits).size(), "8 hex digits collide at 100,000");
    }

    @Test
    void shortIdsThatCollideBecomeTheWholeHashAndTheOthersStayShort() {
        List<List<String>> configurations = randomConfigurations(40, 1);
        // One hex digit: 40 configurations over 16 values, so most collide and a few may not.
        List<String> ids = SweepPlan.configurationIds(configurations, 1);
        List<String> hashes = SweepPlan.configurationIds(configurations, 64);
        assertEquals(40, new HashSet<>(ids).size(), "distinct ids");
        Map<Character, Integer> firstDigits = new HashMap<>();
        for (String h : hashes) firstDigits.merge(h.charAt(0), 1, Integer::sum);
        int collided = 0;
        for (int i = 0; i < ids.size(); i++) {
            boolean alone = firstDigits.get(hashes.get(i).charAt(0)) == 1;
            String expected = alone ? hashes.get(i).substring(0, 1) : hashes.get(i);
            assertEquals(expected, ids.get(i), configurations.get(i).toString());
            if (!alone) collided++;
        }
        assertTrue(collided > 0, "the case exercises collisions");
    }

    @Test
    void aConfigurationKeepsItsIdWhateverTheOrderOfThePlan() {
        List<List<String>> configurations = randomConfigurations(40, 1);
        List<String> ids = SweepPlan.configurationIds(configurations, 1);
        List<List<String>> shuffled = new ArrayList<>(configurations);
        Collections.shuffle(shuffled, new Random(5));
        List<String> shuffledIds = SweepPlan.configurationIds(shuffled, 1);
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(ids.get(configurations.indexOf(shuffled.get(i))), shuffledIds.get(i));
        }
        assertNotEquals(configurations, shuffled);
    }

    /** Distinct configurations as a random sweep draws them: a rate, a batch size and a shape. */
    private static List<List<String>> randomConfigurations(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<List<String>> seen = new HashSet<>();
        List<List<String>> configurations = new ArrayList<>();
        List<String> shapes = List.of("[784,16,16,10]", "[784,30,10]", "[784,100,10]");
        while (configurations.size() < count) {
            List<String> c = List.of("training.epochs=2",
                    "training.learning-rate=" + Math.round(random.nextDouble(0.01, 10) * 1e4) / 1e4,
                    "training.batch-size=" + random.nextInt(1, 101),
                    "network.layers=" + shapes.get(random.nextInt(shapes.size())));
            if (seen.add(c)) configurations.add(c);
        }
        return configurations;
    }
}
