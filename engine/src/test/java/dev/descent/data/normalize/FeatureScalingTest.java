package dev.descent.data.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {
    private static Samples samples(int width, float... features) {
        int count = features.length / width;
        return new Samples("test", List.of(), count, width, features,
                new ClassTargets(List.of("a", "b"), new int[count]));
    }

    @Test
    void standardGivesEachTrainingFeatureMeanZeroAndStandardDeviationOne() {
        SplittableRandom r = new SplittableRandom(3);
        int rows = 10_000;
        float[] f = new float[rows * 2];
        for (int i = 0; i < rows; i++) {
            f[2 * i] = (float) (5 + 3 * r.nextGaussian());
            f[2 * i + 1] = (float) (-1000 + 0.01 * r.nextGaussian());
        }
        Samples train = samples(2, f);
        FeatureScaling scaling = FeatureScaling.fit(Normalization.STANDARD, train);
        scaling.applyInPlace(train);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < rows; i++) {
                mean += f[2 * i + j];
                square += f[2 * i + j] * f[2 * i + j];
            }
            mean /= rows;
            assertEquals(0, mean, 1e-4, "mean of feature " + j);
            assertEquals(1, Math.sqrt(square / rows - mean * mean), 1e-3, "std of feature " + j);
        }
    }

    @Test
    void minMaxMapsTheTrainingRangeOntoZeroToOneAndAppliesTheSameStatisticsToTestData() {
        Samples train = samples(2, 2, 10, 4, 20, 6, 30);
        FeatureScaling scaling = FeatureScaling.fit(Normalization.MIN_MAX, train);
        scaling.applyInPlace(train);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f, 1, 1}, train.features());
        Samples test = samples(2, 8, 0);
        scaling.applyInPlace(test);
        assertArrayEquals(new float[] {1.5f, -0.5f}, test.features(), "test values may leave [0, 1]");
    }

    @Test
    void aConstantFeatureBecomesZeroInsteadOfADivisionByZero() {
        for (Normalization method : List.of(Normalization.STANDARD, Normalization.MIN_MAX)) {
            Samples train = samples(1, 7, 7, 7);
            FeatureScaling scaling = FeatureScaling.fit(method, train);
            assertEquals(1.0, scaling.scale()[0]);
            scaling.applyInPlace(train);
            assertArrayEquals(new float[] {0, 0, 0}, train.features(), method.id());
        }
    }

    @Test
    void noneLeavesTheBitsAsRead() {
        float[] f = {0.1f, -0f, 1e-40f, 3.4e38f};
        float[] copy = f.clone();
        Samples train = samples(2, f);
        FeatureScaling scaling = FeatureScaling.fit(Normalization.NONE, train);
        scaling.applyInPlace(train);
        for (int i = 0; i < f.length; i++) {
            assertEquals(Float.floatToRawIntBits(copy[i]), Float.floatToRawIntBits(f[i]));
        }
        assertEquals(Normalization.NONE, scaling.method());
    }

    @Test
    void theRecordedStatisticsReproduceTheScalingExactly() {
        Samples train = samples(3, 1, 2, 3, 4, 5, 7, -2, 0.5f, 9);
        FeatureScaling fitted = FeatureScaling.fit(Normalization.STANDARD, train);
        FeatureScaling stored = new FeatureScaling(fitted.method(), fitted.shift(), fitted.scale());
        float[] a = {3, 3, 3};
        float[] b = a.clone();
        fitted.applyInPlace(a, 0);
        stored.applyInPlace(b, 0);
        assertArrayEquals(a, b);
    }

    @Test
    void refusesSamplesOfAnotherWidth() {
        FeatureScaling scaling = FeatureScaling.none(3);
        assertThrows(IllegalArgumentException.class, () -> scaling.applyInPlace(samples(2, 1, 2)));
    }

    @Test
    void namesTheMethodsAndListsThemForAnUnknownOne() {
        assertEquals(Normalization.MIN_MAX, Normalization.of("min-max", "data.normalize"));
        DescentException e = assertThrows(DescentException.class, () -> Normalization.of("zscore", "data.normalize"));
        assertTrue(e.getMessage().contains("'zscore' at data.normalize; available: standard, min-max, none"),
                e.getMessage());
    }
}
