package dev.descent.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.Cost;
import dev.descent.spi.Initializer;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.spi.TrainingProgress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The built-ins are found through ServiceLoader and compute what their names promise. */
class BuiltInPluginsTest {
    private final PluginRegistry registry = PluginRegistry.loadDefault();

    @Test
    void registryFindsTheSeedsPlugins() {
        assertTrue(names(PluginKind.COST).contains("quadratic"));
        assertTrue(names(PluginKind.INITIALIZER).contains("gaussian"));
        assertTrue(names(PluginKind.SCHEDULE).contains("constant"));
    }

    @Test
    void quadraticCostIsHalfTheSquaredDistanceWithGradientAMinusY() {
        Cost cost = registry.cost(PluginSpec.of("quadratic", "cost"));
        float[] a = {0.5f, 0.25f, 1f, 0f};
        float[] y = {1f, 0f, 0f, 0f};
        float[] gradient = new float[4];
        double c = cost.costAndGradient(a, y, 2, 2, gradient);
        assertEquals(0.5 * (0.25 + 0.0625 + 1), c, 1e-9);
        assertArrayEquals(new float[] {-0.5f, 0.25f, 1f, 0f}, gradient);
    }

    @Test
    void quadraticGradientMatchesFiniteDifference() {
        Cost cost = registry.cost(PluginSpec.of("quadratic", "cost"));
        float[] a = {0.3f, 0.9f, 0.1f};
        float[] y = {0f, 1f, 0f};
        float[] g = new float[3];
        cost.costAndGradient(a, y, 1, 3, g);
        for (int i = 0; i < 3; i++) {
            float[] plus = a.clone();
            float[] minus = a.clone();
            plus[i] += 1e-3f;
            minus[i] -= 1e-3f;
            double numeric = (cost.costAndGradient(plus, y, 1, 3, new float[3])
                    - cost.costAndGradient(minus, y, 1, 3, new float[3])) / (plus[i] - minus[i]);
            assertEquals(numeric, g[i], 1e-3);
        }
    }

    @Test
    void gaussianHasTheRequestedMeanAndStdAndIsSeeded() {
        Initializer init =
                registry.initializer(new PluginSpec("gaussian", Map.of("mean", 0.5, "std", 2.0), "init.weights"));
        float[] v = new float[200_000];
        init.initialize(v, 400, 500, new SplittableRandom(1));
        double mean = 0;
        for (float x : v) mean += x;
        mean /= v.length;
        double var = 0;
        for (float x : v) var += (x - mean) * (x - mean);
        var /= v.length;
        assertEquals(0.5, mean, 0.02);
        assertEquals(4.0, var, 0.05);
        float[] again = new float[v.length];
        init.initialize(again, 400, 500, new SplittableRandom(1));
        assertArrayEquals(v, again);
        float[] other = new float[v.length];
        init.initialize(other, 400, 500, new SplittableRandom(2));
        assertNotEquals(v[0], other[0]);
    }

    @Test
    void constantScheduleReturnsItsRateAtEveryStep() {
        var schedule = registry.schedule(new PluginSpec("constant", Map.of("rate", 0.25), "training.learning-rate"));
        assertEquals(0.25, schedule.rate(new TrainingProgress(0, 0, 100, 3)));
        assertEquals(0.25, schedule.rate(new TrainingProgress(2, 299, 100, 3)));
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsAll() {
        DescentException e =
                assertThrows(DescentException.class, () -> registry.cost(PluginSpec.of("quadratc", "cost.name")));
        assertTrue(e.getMessage().contains("unknown cost 'quadratc' at cost.name"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'quadratic'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: "), e.getMessage());
    }

    @Test
    void unknownParameterListsTheProvidersParameters() {
        DescentException e = assertThrows(DescentException.class,
                () -> registry.initializer(new PluginSpec("gaussian", Map.of("sigma", 1.0), "init.weights")));
        assertTrue(e.getMessage().contains("unknown parameter 'sigma'") && e.getMessage().contains("mean, std"),
                e.getMessage());
    }

    @Test
    void outOfRangeParameterNamesKeyValueAndRange() {
        DescentException e = assertThrows(DescentException.class,
                () -> registry.initializer(new PluginSpec("gaussian", Map.of("std", -1.0), "init.weights")));
        assertTrue(e.getMessage().contains("init.weights.std") && e.getMessage().contains("-1.0"), e.getMessage());
    }

    private List<String> names(PluginKind kind) {
        return registry.providers(kind).stream().map(PluginProvider::name).toList();
    }
}
