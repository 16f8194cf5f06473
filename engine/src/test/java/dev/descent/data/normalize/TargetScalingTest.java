package dev.descent.data.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.samples.RegressionTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetScalingTest {
    @Test
    void standardisesEachTargetWithTheTrainingMeanAndStandardDeviation() {
        // Two targets: y1 = 10, 20, 30 (mean 20, std sqrt(200/3)); y2 = -1, -1, -1 (constant).
        RegressionTargets train = new RegressionTargets(List.of("y1", "y2"), new float[] {10, -1, 20, -1, 30, -1});
        TargetScaling scaling = TargetScaling.fit(train);
        assertArrayEquals(new double[] {20, -1}, scaling.mean());
        assertEquals(Math.sqrt(200.0 / 3), scaling.scale()[0], 1e-12);
        assertEquals(1.0, scaling.scale()[1], "a constant target gets scale 1");
        scaling.standardizeInPlace(train);
        float z = (float) (10 / Math.sqrt(200.0 / 3));
        assertArrayEquals(new float[] {-z, 0, 0, 0, z, 0}, train.values());
    }

    @Test
    void mapsPredictionsBackToTheTargetsUnits() {
        RegressionTargets train = new RegressionTargets(List.of("price"), new float[] {100, 300, 200, 400});
        float[] original = train.values().clone();
        TargetScaling scaling = TargetScaling.fit(train);
        scaling.standardizeInPlace(train);
        float[] back = train.values().clone();
        for (int i = 0; i < back.length; i++) scaling.toTargetUnits(back, i);
        assertArrayEquals(original, back, 1e-4f);
    }

    @Test
    void noneIsTheIdentityBothWays() {
        TargetScaling none = TargetScaling.none(2);
        assertTrue(none.isIdentity());
        float[] v = {1.5f, -2.5f};
        none.toTargetUnits(v, 0);
        assertArrayEquals(new float[] {1.5f, -2.5f}, v);
    }
}
