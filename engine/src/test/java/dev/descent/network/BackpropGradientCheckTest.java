package dev.descent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ScalarKernels;
import dev.descent.spi.Cost;
import dev.descent.testing.TestCosts;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Back-propagated gradients agree with central finite differences of the cost, for every activation. */
class BackpropGradientCheckTest {
    static Stream<Arguments> cases() {
        return Stream.of(Activation.values()).flatMap(f -> Stream.of(TestCosts.QUADRATIC, TestCosts.SOFTMAX)
                .flatMap(c -> Stream.of(Arguments.of(f, ScalarKernels.INSTANCE, c),
                        Arguments.of(f, KernelProvider.get(), c))));
    }

    @ParameterizedTest(name = "{0} with {1}, cost {2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Activation activation, Kernels kernels, Cost cost) {
        int[] sizes = SIZES;
        int m = 3;
        SplittableRandom random = new SplittableRandom(7);
        Network network = randomNetwork(activation, random);
        Workspace ws = randomBatch(m, random);
        Backprop backprop = new Backprop(kernels);
        backprop.forward(network, ws, m, cost);
        backprop.backward(network, ws, m, cost);

        double h = 1e-3;
        int checked = 0;
        for (int l = 1; l < sizes.length; l++) {
            float[][] params = {network.weights(l), network.biases(l)};
            float[][] grads = {ws.weightGradient(l).clone(), ws.biasGradient(l).clone()};
            for (int t = 0; t < 2; t++) {
                int count = t == 0 ? sizes[l - 1] * sizes[l] : sizes[l];   // the arrays carry slack
                for (int i = 0; i < count; i++) {
                    float saved = params[t][i];
                    params[t][i] = (float) (saved + h);
                    double plus = cost(backprop, network, ws, m, cost);
                    params[t][i] = (float) (saved - h);
                    double minus = cost(backprop, network, ws, m, cost);
                    params[t][i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    double analytic = grads[t][i];
                    assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric),
                            () -> activation + " layer " + " param " + saved);
                    checked++;
                }
            }
        }
        assertEquals(5 * 7 + 7 + 7 * 4 + 4 + 4 * 3 + 3, checked);
    }

    /** With dropout on both hidden layers; each pass replays the same mask from a fresh generator. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void dropoutGradientsMatchFiniteDifferencesUnderTheSameMask(Activation activation) {
        int[] sizes = SIZES;
        int m = 3;
        float[] rates = {0f, 0.3f, 0.5f, 0f};
        SplittableRandom random = new SplittableRandom(11);
        Network network = randomNetwork(activation, random);
        Workspace ws = randomBatch(m, random);
        float[] input = ws.input().clone();
        Backprop backprop = new Backprop(ScalarKernels.INSTANCE);
        Dropout replay = new Dropout(rates, sizes, m, new SplittableRandom(5));
        backprop.forward(network, ws, m, TestCosts.QUADRATIC, replay);
        backprop.backward(network, ws, m, TestCosts.QUADRATIC, replay);
        float[] analytic = ws.weightGradient(1).clone();
        double h = 1e-3;
        for (int i = 0; i < sizes[0] * sizes[1]; i++) {
            float saved = network.weights(1)[i];
            network.weights(1)[i] = (float) (saved + h);
            double plus = maskedCost(backprop, network, ws, m, rates, sizes, input);
            network.weights(1)[i] = (float) (saved - h);
            double minus = maskedCost(backprop, network, ws, m, rates, sizes, input);
            network.weights(1)[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), activation + " weight " + i);
        }
    }

    private static double maskedCost(Backprop backprop, Network network, Workspace ws, int m, float[] rates,
                                     int[] sizes, float[] input) {
        System.arraycopy(input, 0, ws.input(), 0, input.length);
        backprop.forward(network, ws, m, TestCosts.QUADRATIC, new Dropout(rates, sizes, m, new SplittableRandom(5)));
        return TestCosts.QUADRATIC.costAndGradient(ws.output(), ws.targets(), m, 3, new float[ws.output().length]);
    }

    private static double cost(Backprop backprop, Network network, Workspace ws, int m, Cost cost) {
        backprop.forward(network, ws, m, cost);
        float[] scratch = new float[ws.output().length];
        return cost.costAndGradient(ws.output(), ws.targets(), m, 3, scratch);
    }

    static final int[] SIZES = {5, 7, 4, 3};

    private static Network randomNetwork(Activation activation, SplittableRandom random) {
        Network network = new Network(SIZES, activation);
        for (int l = 1; l < SIZES.length; l++) {
            fill(network.weights(l), random, 0.8);
            fill(network.biases(l), random, 0.5);
        }
        return network;
    }

    /** m random inputs, each with a random one-hot target. */
    private static Workspace randomBatch(int m, SplittableRandom random) {
        Workspace ws = new Workspace(SIZES, m);
        fill(ws.input(), random, 1.0);
        int outputs = SIZES[SIZES.length - 1];
        for (int s = 0; s < m; s++) ws.targets()[s * outputs + random.nextInt(outputs)] = 1f;
        return ws;
    }

    private static void fill(float[] v, SplittableRandom random, double scale) {
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextDouble(-scale, scale);
    }
}
