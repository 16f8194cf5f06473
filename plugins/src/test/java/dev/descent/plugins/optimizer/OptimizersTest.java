package dev.descent.plugins.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.descent.kernel.ScalarKernels;
import dev.descent.spi.Optimizer;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer for a few steps on one tensor of two values, against values worked out by hand. The
 * gradient is passed as a batch sum of 2 samples with scale 1/2, as the trainer does; a scaled-gradient
 * step is applied as the trainer applies it, with the kernels' axpy.
 */
class OptimizersTest {
    private final PluginRegistry registry = PluginRegistry.loadDefault();

    /** The named optimizer prepared for {@code lengths}, as a step of one tensor. */
    private Optimizer.PerTensor optimizer(String name, Map<String, Object> parameters, int... lengths) {
        Optimizer o = registry.optimizer(new PluginSpec(name, parameters, "training.optimizer"));
        return switch (o.prepare(lengths.length == 0 ? new int[] {2} : lengths, ScalarKernels.INSTANCE)) {
            case Optimizer.PerTensor own -> own;
            case Optimizer.ScaledGradient scaled -> (tensor, values, gradientSum, length, scale, rate, step) ->
                    ScalarKernels.INSTANCE.axpy(length, scaled.stepSize(rate, scale, step), gradientSum, values);
        };
    }

    /** Steps with mean gradients g1 then g2 (given as sums of two samples) at rate 0.1. */
    private static float[] twoSteps(Optimizer.PerTensor o, float[] w, float[] g1, float[] g2) {
        o.step(0, w, new float[] {2 * g1[0], 2 * g1[1]}, 2, 0.5f, 0.1, 1);
        o.step(0, w, new float[] {2 * g2[0], 2 * g2[1]}, 2, 0.5f, 0.1, 2);
        return w;
    }

    @Test
    void sgdIsAScaledGradientStepOfMinusTheRateOverTheBatch() {
        Optimizer sgd = registry.optimizer(new PluginSpec("sgd", Map.of(), "training.optimizer"));
        Optimizer.ScaledGradient step = assertInstanceOf(Optimizer.ScaledGradient.class,
                sgd.prepare(new int[] {2}, ScalarKernels.INSTANCE));
        assertEquals((float) (-0.1 * 0.5f), step.stepSize(0.1, 0.5f, 1));
        assertEquals(0, sgd.state().size(), "plain gradient descent has no state to checkpoint");
    }

    @Test
    void sgdStepsAgainstTheMeanGradient() {
        float[] w = twoSteps(optimizer("sgd", Map.of()), new float[] {1f, -1f}, new float[] {0.5f, -2f},
                new float[] {1f, 0f});
        // 1 - 0.1*0.5 - 0.1*1 = 0.85;  -1 + 0.1*2 - 0 = -0.8
        assertArrayEquals(new float[] {0.85f, -0.8f}, w, 1e-6f);
    }

    @Test
    void momentumCarriesTheLastStep() {
        float[] w = twoSteps(optimizer("momentum", Map.of("beta", 0.5)), new float[] {1f, 0f},
                new float[] {1f, 1f}, new float[] {1f, -1f});
        // v1 = -0.1, w = 0.9;  v2 = 0.5*-0.1 - 0.1 = -0.15, w = 0.75.
        // second value: v1 = -0.1, w = -0.1; v2 = -0.05 + 0.1 = 0.05, w = -0.05.
        assertArrayEquals(new float[] {0.75f, -0.05f}, w, 1e-6f);
    }

    @Test
    void nesterovLooksAhead() {
        float[] w = twoSteps(optimizer("nesterov", Map.of("beta", 0.5)), new float[] {1f, 0f},
                new float[] {1f, 1f}, new float[] {1f, -1f});
        // v1 = -0.1, w = 1 + 0.5*-0.1 - 0.1 = 0.85; v2 = -0.15, w = 0.85 - 0.075 - 0.1 = 0.675.
        // second: v1 = -0.1, w = -0.15; v2 = 0.05, w = -0.15 + 0.025 + 0.1 = -0.025.
        assertArrayEquals(new float[] {0.675f, -0.025f}, w, 1e-6f);
    }

    @Test
    void adamsFirstStepIsTheRateTimesTheGradientsSign() {
        Optimizer.PerTensor adam = optimizer("adam", Map.of());
        float[] w = {1f, 1f};
        adam.step(0, w, new float[] {2 * 0.3f, 2 * -5f}, 2, 0.5f, 0.1, 1);
        // Bias correction makes m^ = g and s^ = g^2, so the step is 0.1 * g / (|g| + 1e-8).
        assertArrayEquals(new float[] {0.9f, 1.1f}, w, 1e-6f);
    }

    @Test
    void adamsSecondStepMatchesTheFormula() {
        Optimizer.PerTensor adam = optimizer("adam", Map.of("beta1", 0.5, "beta2", 0.75, "epsilon", 1e-8));
        float[] w = twoSteps(adam, new float[] {0f, 0f}, new float[] {1f, 1f}, new float[] {3f, -1f});
        // value 0: m1 = 0.5, s1 = 0.25, step 1 = -0.1; m2 = 0.25 + 1.5 = 1.75, s2 = 0.1875 + 2.25 = 2.4375,
        // m^ = 1.75 / 0.75, s^ = 2.4375 / 0.4375; w = -0.1 - 0.1 * m^ / sqrt(s^).
        double mHat = 1.75 / 0.75;
        double sHat = 2.4375 / 0.4375;
        double expected0 = -0.1 - 0.1 * mHat / Math.sqrt(sHat);
        // value 1: m2 = 0.25 - 0.5 = -0.25, s2 = 0.1875 + 0.25 = 0.4375.
        double expected1 = -0.1 - 0.1 * (-0.25 / 0.75) / Math.sqrt(0.4375 / 0.4375);
        assertEquals(expected0, w[0], 1e-6);
        assertEquals(expected1, w[1], 1e-6);
    }

    @Test
    void adamwAlsoShrinksTheWeights() {
        float[] plain = {2f, 2f};
        float[] decayed = {2f, 2f};
        optimizer("adam", Map.of()).step(0, plain, new float[] {1f, 1f}, 2, 0.5f, 0.1, 1);
        optimizer("adamw", Map.of("decay", 0.5)).step(0, decayed, new float[] {1f, 1f}, 2, 0.5f, 0.1, 1);
        // AdamW: (1 - 0.1 * 0.5) * 2 - 0.1 = 1.8 against Adam's 1.9.
        assertEquals(1.9f, plain[0], 1e-6f);
        assertEquals(1.8f, decayed[0], 1e-6f);
    }

    @Test
    void optimizersKeepStatePerTensor() {
        Optimizer.PerTensor momentum = optimizer("momentum", Map.of("beta", 0.5), 1, 1);
        float[] a = {0f};
        float[] b = {0f};
        momentum.step(0, a, new float[] {1f}, 1, 1f, 1.0, 1);
        momentum.step(1, b, new float[] {1f}, 1, 1f, 1.0, 1);
        momentum.step(1, b, new float[] {1f}, 1, 1f, 1.0, 2);
        assertEquals(-1f, a[0]);          // one step, no carried velocity
        assertEquals(-1f - 1.5f, b[0]);   // v2 = 0.5 * -1 - 1
    }
}
