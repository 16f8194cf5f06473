package dev.descent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.kernel.simd.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kernels that skip zero inputs: the SIMD ones give the scalar bits on odd shapes and batch
 * sizes, the skip is invisible on finite weights but for the sign of zeros, and visible exactly where
 * the contract says (a zero sum, a non-finite weight behind a zero input, a -0 weight of an input that
 * is zero in the whole batch). The build runs this class at every width.
 */
class SparseKernelsTest {
    private static final int[] BATCHES = {1, 2, 3, 4, 5, 7, 8, 9, 10, 13, 128, 200};
    /** 12, 16, 24 and 48 end in a whole vector after the wide blocks at 128, 512, 256 and 512 bits. */
    private static final int[] N = {1, 7, 10, 12, 16, 17, 24, 33, 48, 100};
    private static final int[] K = {1, 7, 16, 17, 33, 64, 65, 784};

    private final Kernels scalar = ScalarKernels.INSTANCE;
    private final VectorKernels simd = new VectorKernels();
    private final SplittableRandom random = new SplittableRandom(20261201);

    @Test
    void nonzeroColumnsMarksTheSameColumnsAtEveryWidth() {
        for (int m : BATCHES) {
            for (int k : K) {
                float[] a = sparse(m * k, m == 1 ? 0.6 : 0.95);
                if (a.length > 3) {
                    a[0] = -0f;
                    a[1] = Float.NaN;   // NaN is not zero
                    a[2] = Float.POSITIVE_INFINITY;
                }
                long[] expected = new long[(k + 63) / 64], actual = new long[(k + 63) / 64];
                Arrays.fill(actual, -1L);   // stale marks from an earlier batch must go
                scalar.nonzeroColumns(m, k, a, expected);
                simd.nonzeroColumns(m, k, a, actual);
                assertArrayEquals(expected, actual, "m=" + m + " k=" + k);
                for (int p = 0; p < k; p++) {
                    boolean any = false;
                    for (int i = 0; i < m; i++) any |= a[i * k + p] != 0f;
                    assertEquals(any, Kernels.marked(expected, p), "m=" + m + " k=" + k + " column " + p);
                }
            }
        }
    }

    @Test
    void gemmSparseGivesTheScalarBitsOnOddShapesAndBatchSizes() {
        for (int m : BATCHES) {
            for (int n : N) {
                for (int k : K) {
                    float[] a = sparse(m * k, 0.8), b = random(k * n), bias = random(n);
                    if (k > 2 && n > 1) {
                        b[n + 1] = Float.NaN;               // behind input 1: NaN only where that input is nonzero
                        bias[0] = -0f;                      // a zero sum whose sign the skipped terms would flip
                        for (int p = 0; p < k; p++) b[p * n] = 0f;
                    }
                    float[] expected = random(m * n), actual = random(m * n);
                    scalar.gemmSparse(m, n, k, bias, a, marks(m, k, a), b, expected);
                    simd.gemmSparse(m, n, k, bias, a, marks(m, k, a), b, actual);
                    assertBitsEqual(expected, actual, "gemmSparse m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void gemmSparseGivesTheScalarBitsInEveryRowBlockWithZeroAndNonFiniteInputs() {
        // Batch sizes that end in each of the narrow row blocks (10, 8, 2, 1 rows), with the marks that
        // training passes and without (inference): NaN and infinite inputs, -0 inputs and a -0 bias.
        int lanes = simd.lanes();
        for (int m : new int[] {9, 11, 16, 17, 18, 20, 21, 27, 29, 64, 80}) {
            for (int n : new int[] {1, lanes - 1, lanes, 10, 16}) {
                for (int k : new int[] {1, 3, 784}) {
                    String what = "m=" + m + " n=" + n + " k=" + k;
                    float[] a = sparse(m * k, 0.8), b = random(k * n), bias = random(n);
                    a[(m - 1) * k] = Float.NaN;                       // the last row: its own block
                    a[m / 2 * k + k - 1] = Float.NEGATIVE_INFINITY;
                    a[k / 2] = -0f;
                    bias[n - 1] = -0f;
                    for (long[] columns : new long[][] {marks(m, k, a), null}) {
                        float[] expected = random(m * n), actual = random(m * n);
                        scalar.gemmSparse(m, n, k, bias, a, columns, b, expected);
                        simd.gemmSparse(m, n, k, bias, a, columns, b, actual);
                        assertBitsEqual(expected, actual, "gemmSparse " + what + (columns == null ? " unmarked" : ""));
                    }
                }
            }
        }
    }

    @Test
    void skippingZeroInputsGivesTheDenseBitsOnFiniteWeightsButForTheSignOfZeros() {
        for (Kernels kernels : new Kernels[] {scalar, simd}) {
            for (int[] s : new int[][] {{10, 16, 784}, {1, 16, 784}, {200, 33, 784}, {13, 7, 33}}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = sparse(m * k, 0.8), b = random(k * n), bias = random(n);
                float[] dense = new float[m * n], skipping = new float[m * n];
                kernels.broadcastRows(m, n, bias, dense);
                kernels.gemm(m, n, k, a, b, dense);
                kernels.gemmSparse(m, n, k, bias, a, marks(m, k, a), b, skipping);
                for (int i = 0; i < m * n; i++) {
                    // == holds for +0 against -0, and between equal bits otherwise
                    if (dense[i] != skipping[i]) fail(kernels.name() + " " + Arrays.toString(s) + " element " + i);
                }
            }
        }
    }

    @Test
    void aSkippedTermKeepsMinusZeroAndHidesANonFiniteWeight() {
        // -0 + 0 * NaN + -0 * 7: the dense product is NaN; skipping both terms leaves the bias, -0.
        float[] a = {0f, -0f}, b = {Float.NaN, 7f}, bias = {-0f};
        for (Kernels kernels : new Kernels[] {scalar, simd}) {
            float[] c = {1f};
            kernels.gemmSparse(1, 1, 2, bias, a, marks(1, 2, a), b, c);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(c[0]), kernels.name());
            // With input 1 nonzero: -0 + 2 * 7 = 14, the NaN weight behind the zero input still skipped.
            a[1] = 2f;
            kernels.gemmSparse(1, 1, 2, bias, a, marks(1, 2, a), b, c);
            assertEquals(14f, c[0], kernels.name());
            a[1] = -0f;
        }
    }

    @Test
    void sparseStepGivesTheScalarBitsAndTheDenseStepOnMarkedRowsAndLeavesTheOthersAlone() {
        for (int m : BATCHES) {
            for (int n : N) {
                for (int k : new int[] {1, 17, 33, 65, 784}) {
                    String what = "m=" + m + " n=" + n + " k=" + k;
                    float[] a = sparse(m * k, m == 1 ? 0.8 : 0.97), b = random(m * n);
                    float[] sum0 = random(k * n), w0 = random(k * n);
                    w0[0] = -0f;   // the dense step would make it +0 if input 0 is zero in the batch
                    float scale = 1f / m, step = 3f / m;
                    float[] denseSum = sum0.clone(), denseW = w0.clone();
                    scalar.gemmTransAStep(m, n, k, a, b, scale, denseSum, step, denseW);
                    long[] columns = new long[(k + 63) / 64];
                    scalar.nonzeroColumns(m, k, a, columns);
                    float[] expectedSum = sum0.clone(), expectedW = w0.clone();
                    scalar.gemmTransAStepSparse(m, n, k, a, columns, b, scale, expectedSum, step, expectedW);
                    for (int p = 0; p < k; p++) {
                        boolean marked = Kernels.marked(columns, p);
                        assertBitsEqual(Arrays.copyOfRange(marked ? denseSum : sum0, p * n, p * n + n),
                                Arrays.copyOfRange(expectedSum, p * n, p * n + n), what + " sum row " + p);
                        assertBitsEqual(Arrays.copyOfRange(marked ? denseW : w0, p * n, p * n + n),
                                Arrays.copyOfRange(expectedW, p * n, p * n + n), what + " weight row " + p);
                    }
                    float[] sum = sum0.clone(), w = w0.clone();
                    simd.gemmTransAStepSparse(m, n, k, a, columns, b, scale, sum, step, w);
                    assertBitsEqual(expectedSum, sum, what + " simd sum");
                    assertBitsEqual(expectedW, w, what + " simd weights");
                }
            }
        }
    }

    @Test
    void sparseKernelsSplitBetweenThreadsGiveTheSingleThreadedBits() {
        try (ParallelKernels parallel = new ParallelKernels(simd, 3, 0)) {
            for (int[] s : new int[][] {{128, 512, 784}, {200, 33, 784}, {10, 16, 784}, {13, 7, 33}}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = sparse(m * k, 0.8), b = random(k * n), bias = random(n), delta = random(m * n);
                long[] columns = new long[(k + 63) / 64];
                parallel.nonzeroColumns(m, k, a, columns);
                float[] expected = new float[m * n], actual = new float[m * n];
                simd.gemmSparse(m, n, k, bias, a, marks(m, k, a), b, expected);
                parallel.gemmSparse(m, n, k, bias, a, marks(m, k, a), b, actual);
                assertBitsEqual(expected, actual, "gemmSparse " + Arrays.toString(s));
                float[] sumExpected = random(k * n), sumActual = sumExpected.clone();
                float[] wExpected = random(k * n), wActual = wExpected.clone();
                simd.gemmTransAStepSparse(m, n, k, a, columns, delta, 0.1f, sumExpected, -0.3f, wExpected);
                parallel.gemmTransAStepSparse(m, n, k, a, columns, delta, 0.1f, sumActual, -0.3f, wActual);
                assertBitsEqual(sumExpected, sumActual, "gemmTransAStepSparse sum " + Arrays.toString(s));
                assertBitsEqual(wExpected, wActual, "gemmTransAStepSparse weights " + Arrays.toString(s));
            }
        }
    }

    private long[] marks(int m, int k, float[] a) {
        long[] columns = new long[(k + 63) / 64];
        scalar.nonzeroColumns(m, k, a, columns);
        return columns;
    }

    /** Uniform in [-1, 1) with a share {@code zeros} of exact zeros, a tenth of them -0. */
    private float[] sparse(int length, double zeros) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble();
            a[i] = u >= zeros ? (float) random.nextDouble(-1, 1) : u < zeros / 10 ? -0f : 0f;
        }
        return a;
    }

    private float[] random(int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float) random.nextDouble(-1, 1);
        return a;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " expected " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), got " + actual[i]);
            }
        }
    }
}
