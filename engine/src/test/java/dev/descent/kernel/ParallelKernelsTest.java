package dev.descent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting products between threads must not change a bit, whatever the shape or thread count. */
class ParallelKernelsTest {
    private static final int[][] SHAPES = {
        {10, 16, 784}, {10, 10, 16}, {128, 512, 784}, {128, 10, 512}, {13, 17, 33}, {1, 5, 3}, {9, 100, 16}};

    private final Kernels serial = KernelProvider.get();
    private final SplittableRandom random = new SplittableRandom(7);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyProductGivesTheSingleThreadedBitsWhenSplitAtAnySize(int threads) {
        try (ParallelKernels parallel = new ParallelKernels(serial, threads, 0)) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(m * k), b = random(k * n), bt = random(m * n);
                float[] expected = random(m * n), actual = expected.clone();
                serial.gemm(m, n, k, a, b, expected);
                parallel.gemm(m, n, k, a, b, actual);
                assertArrayEquals(expected, actual, "gemm " + threads + " threads " + Arrays.toString(s));

                expected = random(k * n);
                actual = expected.clone();
                serial.gemmTransA(m, n, k, a, bt, expected);
                parallel.gemmTransA(m, n, k, a, bt, actual);
                assertArrayEquals(expected, actual, "gemmTransA " + threads + " threads " + Arrays.toString(s));

                expected = random(m * k);
                actual = expected.clone();
                serial.gemmTransB(m, n, k, bt, b, expected);
                parallel.gemmTransB(m, n, k, bt, b, actual);
                assertArrayEquals(expected, actual, "gemmTransB " + threads + " threads " + Arrays.toString(s));

                float[] sumExpected = random(k * n), sumActual = sumExpected.clone();
                expected = random(k * n);
                actual = expected.clone();
                serial.gemmTransAStep(m, n, k, a, bt, 0.1f, sumExpected, -0.3f, expected);
                parallel.gemmTransAStep(m, n, k, a, bt, 0.1f, sumActual, -0.3f, actual);
                assertArrayEquals(expected, actual, "gemmTransAStep " + threads + " threads " + Arrays.toString(s));
                assertArrayEquals(sumExpected, sumActual, "gemmTransAStep sums " + threads + " threads");
            }
        }
    }

    @Test
    void splitsOnlyNetworksWithProductsWorthSplitting() {
        assertEquals(serial, ParallelKernels.forNetwork(serial, 2, new int[] {784, 16, 16, 10}, 10), "W1 stays serial");
        assertEquals(serial, ParallelKernels.forNetwork(serial, 1, new int[] {784, 512, 512, 10}, 128), "one thread");
        Kernels w3 = ParallelKernels.forNetwork(serial, 2, new int[] {784, 512, 512, 10}, 128);
        try (ParallelKernels parallel = (ParallelKernels) w3) {
            assertEquals(2, parallel.threads());
        }
    }

    @Test
    void keepsWorkingOnTheCallerAfterClose() {
        ParallelKernels parallel = new ParallelKernels(serial, 2, 0);
        parallel.close();
        float[] a = random(10 * 784), b = random(784 * 16), expected = new float[10 * 16], actual = new float[10 * 16];
        serial.gemm(10, 16, 784, a, b, expected);
        parallel.gemm(10, 16, 784, a, b, actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void reportsTheSerialKernelsAndRejectsNoThreads() {
        try (ParallelKernels parallel = new ParallelKernels(serial, 2)) {
            assertEquals(serial.name(), parallel.name());
            assertEquals(2, parallel.threads());
        }
        assertThrows(IllegalArgumentException.class, () -> new ParallelKernels(serial, 0));
    }

    @Test
    void aFailingSliceIsReportedToTheCaller() {
        try (ParallelKernels parallel = new ParallelKernels(serial, 2, 0)) {
            // Arrays too short for the shape: the worker's rows are out of bounds.
            float[] a = new float[8 * 4], b = new float[4 * 4], c = new float[8 * 4];
            assertThrows(RuntimeException.class, () -> parallel.gemm(16, 4, 4, a, b, c));
            // And the next call works again.
            float[] big = random(16 * 4), out = new float[16 * 4], expected = new float[16 * 4];
            serial.gemm(16, 4, 4, big, b, expected);
            parallel.gemm(16, 4, 4, big, b, out);
            assertArrayEquals(expected, out);
        }
    }

    private float[] random(int n) {
        float[] x = new float[n + Kernels.SLACK];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }
}
