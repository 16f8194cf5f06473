package dev.descent.plugins.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.Initializer;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each initializer's distribution, checked on a 400-input, 500-neuron layer. */
class InitializersTest {
    private static final int FAN_IN = 400;
    private static final int FAN_OUT = 500;

    private final PluginRegistry registry = PluginRegistry.loadDefault();

    /**
     * With n = 200,000 draws the sample mean has standard error sigma/447 and the sample variance a
     * relative standard error of sqrt(2/n) = 0.3% (less for uniform). Tolerances of 0.02 sigma and 3%
     * are about ten standard errors, yet tight enough to tell 1/400 from 2/900 (11% apart).
     */
    @ParameterizedTest(name = "{0} has variance {1}")
    @CsvSource({
        "scaled-gaussian, 0.0025",      // 1/400
        "lecun-normal,    0.0025",      // 1/400
        "xavier-normal,   0.0022222222", // 2/900
        "xavier-uniform,  0.0022222222", // b^2/3 = (6/900)/3
        "he-normal,       0.005",       // 2/400
        "he-uniform,      0.005",       // (6/400)/3
        "uniform,         0.3333333333", // (1 - -1)^2/12
    })
    void hasZeroMeanAndTheVarianceOfItsFormula(String name, double variance) {
        float[] v = draw(name, 1);
        double mean = Arrays.stream(toDouble(v)).average().orElseThrow();
        double var = Arrays.stream(toDouble(v)).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        assertEquals(0, mean, 0.02 * Math.sqrt(variance), "mean");
        assertEquals(variance, var, 0.03 * variance, "variance");
    }

    @ParameterizedTest
    @CsvSource({"scaled-gaussian", "lecun-normal", "xavier-normal", "xavier-uniform", "he-normal", "he-uniform",
            "uniform"})
    void sameSeedGivesSameValuesAndAnotherSeedDifferentOnes(String name) {
        float[] a = draw(name, 7);
        assertArrayEquals(a, draw(name, 7));
        assertFalse(Arrays.equals(a, draw(name, 8)));
    }

    @ParameterizedTest(name = "{0} stays within +-{1} and reaches near it")
    @CsvSource({
        "xavier-uniform, 0.0816496581", // sqrt(6/900)
        "he-uniform,     0.1224744871", // sqrt(6/400)
        "uniform,        1.0",
    })
    void uniformOnesStayWithinTheirBoundAndFillIt(String name, double bound) {
        float[] v = draw(name, 3);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min >= (float) -bound && max <= (float) bound, "range [" + min + ", " + max + "]");
        // 200,000 draws leave a gap below the bound of about bound/100,000; 1% is a generous margin
        assertTrue(min < -0.99 * bound && max > 0.99 * bound, "range [" + min + ", " + max + "]");
    }

    @Test
    void drawsFromTheGivenGeneratorInIndexOrder() {
        float[] he = draw("he-normal", 5);
        SplittableRandom expected = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertEquals((float) expected.nextGaussian(0, Math.sqrt(2.0 / FAN_IN)), he[i], "index " + i);
        }
        float[] xavier = draw("xavier-uniform", 5);
        expected = new SplittableRandom(5);
        double b = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
        for (int i = 0; i < 1000; i++) {
            assertEquals((float) expected.nextDouble(-b, b), xavier[i], "index " + i);
        }
    }

    @Test
    void uniformUsesItsLowAndHigh() {
        Initializer init =
                registry.initializer(new PluginSpec("uniform", Map.of("low", 2.0, "high", 5.0), "init.weights"));
        float[] v = new float[10_000];
        init.initialize(v, FAN_IN, FAN_OUT, new SplittableRandom(1));
        for (float x : v) assertTrue(x >= 2f && x <= 5f, "value " + x);
        assertEquals(3.5, Arrays.stream(toDouble(v)).average().orElseThrow(), 0.05);
    }

    @Test
    void uniformRejectsLowNotBelowHighNamingBoth() {
        DescentException e = assertThrows(DescentException.class, () -> registry.initializer(
                new PluginSpec("uniform", Map.of("low", 0.5, "high", 0.5), "init.weights")));
        assertTrue(e.getMessage().contains("low = 0.5") && e.getMessage().contains("high = 0.5"), e.getMessage());
    }

    @Test
    void constantAndZerosFillEveryEntryWithoutDrawing() {
        float[] v = new float[FAN_OUT];
        SplittableRandom random = new SplittableRandom(1);
        registry.initializer(new PluginSpec("constant", Map.of("value", 0.1), "init.biases"))
                .initialize(v, FAN_IN, FAN_OUT, random);
        float[] expected = new float[FAN_OUT];
        Arrays.fill(expected, 0.1f);
        assertArrayEquals(expected, v);
        registry.initializer(PluginSpec.of("zeros", "init.biases")).initialize(v, FAN_IN, FAN_OUT, random);
        assertArrayEquals(new float[FAN_OUT], v);
        assertEquals(new SplittableRandom(1).nextLong(), random.nextLong(), "the generator was not touched");
        registry.initializer(PluginSpec.of("constant", "init.biases")).initialize(v, FAN_IN, FAN_OUT, random);
        assertArrayEquals(new float[FAN_OUT], v, "constant defaults to 0");
    }

    private float[] draw(String name, long seed) {
        float[] v = new float[FAN_IN * FAN_OUT];
        registry.initializer(PluginSpec.of(name, "init.weights"))
                .initialize(v, FAN_IN, FAN_OUT, new SplittableRandom(seed));
        return v;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
