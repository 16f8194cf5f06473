package dev.descent.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.testing.TestCosts;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {
    private static final int[] SIZES = {12, 9, 7, 4};
    private static final int SAMPLES = 6;

    static Stream<Arguments> correctCases() {
        return Stream.of(Activation.values()).flatMap(f -> Stream.of(TestCosts.quadratic(1f), TestCosts.softmax(1f))
                .flatMap(c -> Stream.of(Arguments.of(f, ScalarKernels.INSTANCE, c),
                        Arguments.of(f, KernelProvider.get(), c))));
    }

    @ParameterizedTest(name = "{0} with {1}, cost {2}")
    @MethodSource("correctCases")
    void passesForACostWhoseGradientIsItsDerivative(Activation activation, Kernels kernels, Cost cost) {
        GradientCheck.Result result = check(network(activation, 3), cost, kernels, 5);
        assertTrue(result.passes(), () -> describe(result));
        assertTrue(result.largestError() < GradientCheck.TOLERANCE / 10, () -> describe(result));
        int parameters = 12 * 9 + 9 + 9 * 7 + 7 + 7 * 4 + 4;
        assertEquals((long) parameters * SAMPLES, result.checked() + result.skipped());
    }

    @Test
    void failsEveryLayerWhenTheGradientIsOffByAFactorOfTwo() {
        Cost wrong = TestCosts.quadratic(2f);
        GradientCheck.Result result = check(network(Activation.SIGMOID, 3), wrong, ScalarKernels.INSTANCE, 5);
        assertFalse(result.passes());
        for (GradientCheck.LayerResult layer : result.layers()) {
            assertEquals(0.5, layer.weights().error(), 1e-3, "layer " + layer.layer());
            assertEquals(0.5, layer.biases().error(), 1e-3, "layer " + layer.layer());
        }
    }

    @Test
    void failsAFusedCostWhoseOutputDeltaIsWrong() {
        Cost wrong = TestCosts.softmax(0.9f);
        GradientCheck.Result result = check(network(Activation.TANH, 3), wrong, ScalarKernels.INSTANCE, 5);
        assertFalse(result.passes());
        assertEquals(0.1, result.largestError(), 1e-3);
    }

    @Test
    void skipsOnlyTheReluPairsWhoseDifferenceStraddlesAKink() {
        Network network = network(Activation.RELU, 3);
        float[] inputs = inputs(5);
        // Put neuron 0 of layer 1 a hair above its kink for sample 0: z = 1e-8, well inside a 1e-6 step.
        double z = 0;
        for (int k = 0; k < SIZES[0]; k++) z += (double) inputs[k] * network.weights(1)[k * SIZES[1]];
        network.biases(1)[0] = (float) (1e-8 - z);
        GradientCheck.Result result = GradientCheck.check(network, TestCosts.quadratic(1f), ScalarKernels.INSTANCE,
                inputs, targets(), SAMPLES);
        assertTrue(result.passes(), () -> describe(result));
        assertTrue(result.layers().get(0).skipped() >= 1 && result.layers().get(0).skipped() <= 1 + SIZES[0],
                () -> describe(result));
    }

    @Test
    void leavesTheNetworkUnchanged() {
        Network network = network(Activation.SIGMOID, 3);
        Network before = network.copy();
        check(network, TestCosts.quadratic(1f), ScalarKernels.INSTANCE, 5);
        assertTrue(network.sameParameters(before));
    }

    @Test
    void measuresGradientsBelowTheFloorAgainstTheFloor() {
        assertEquals(0.5, GradientCheck.relativeError(2, 1, 0), 1e-12);
        assertEquals(0.01, GradientCheck.relativeError(2e-6, 1e-6, 1e-4), 1e-12);
        assertEquals(0.0, GradientCheck.relativeError(0, 0, 0));
        assertEquals(Double.POSITIVE_INFINITY, GradientCheck.relativeError(Double.NaN, 1, 1));
    }

    private static GradientCheck.Result check(Network network, Cost cost, Kernels kernels, long seed) {
        return GradientCheck.check(network, cost, kernels, inputs(seed), targets(), SAMPLES);
    }

    private static String describe(GradientCheck.Result result) {
        return result.layers().toString();
    }

    private static Network network(Activation activation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network network = new Network(SIZES, activation);
        for (int l = 1; l < SIZES.length; l++) {
            for (int i = 0; i < SIZES[l - 1] * SIZES[l]; i++) {
                network.weights(l)[i] = (float) random.nextGaussian(0, 0.6);
            }
            for (int j = 0; j < SIZES[l]; j++) network.biases(l)[j] = (float) random.nextGaussian(0, 0.5);
        }
        return network;
    }

    /** Pixel-like inputs in [0, 1], a quarter of them 0 as in MNIST's margins. */
    private static float[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] inputs = new float[SAMPLES * SIZES[0]];
        for (int i = 0; i < inputs.length; i++) inputs[i] = random.nextInt(4) == 0 ? 0f : (float) random.nextDouble();
        return inputs;
    }

    private static float[] targets() {
        int outputs = SIZES[SIZES.length - 1];
        float[] targets = new float[SAMPLES * outputs];
        for (int s = 0; s < SAMPLES; s++) targets[s * outputs + s % outputs] = 1f;
        return targets;
    }
}
