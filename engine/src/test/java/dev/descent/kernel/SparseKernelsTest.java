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
 * sizes, the skip is invisible on finite weights, and visible exactly where the contract says (a -0
 * sum, a non-finite weight behind a zero input). The build runs this class at every width.
 */
class SparseKernelsTest {
    private static final int[] BATCHES = {1, 2, 3, 4, 5, 7, 8, 9, 10, 13, 128, 200};
    private static final int[] N = {1, 7, 10, 16, 17, 33, 100};
    private static final int[] K = {1, 7, 16, 17, 33, 784};

    private final Kernels scalar = ScalarKernels.INSTANCE;
    private final VectorKernels simd = new VectorKernels();
    private final SplittableRandom random = new SplittableRandom(20261201);

    @Test
    void nonzeroListsAndCountsAreTheSameAtEveryWidth() {
        for (int m : BATCHES) {
            for (int k : K) {
                float[] a = sparse(m * k, 0.6);
                if (a.length > 3) {
                    a[0] = -0f;
                    a[1] = Float.NaN;   // NaN is not zero: its term is kept
                    a[2] = Float.POSITIVE_INFINITY;
                }
                SparseRows expected = new SparseRows(m, k), actual = new SparseRows(m, k);
                String what = "m=" + m + " k=" + k;
                int count = 0;
                for (float v : a) count += v != 0f ? 1 : 0;
                assertEquals(count, scalar.nonzeroColumns(m, k, a, expected), what + " scalar count");
                assertEquals(count, simd.nonzeroColumns(m, k, a, actual), what + " simd count");
                scalar.nonzeroRows(m, k, a, expected);
                simd.nonzeroRows(m, k, a, actual);
                assertEquals(expected.unionLength(), actual.unionLength(), what + " union length");
                assertArrayEquals(Arrays.copyOf(expected.union(), expected.unionLength()),
                        Arrays.copyOf(actual.union(), actual.unionLength()), what + " union");
                for (int i = 0; i < m; i++) {
                    assertEquals(expected.length(i), actual.length(i), what + " row " + i + " length");
                    int from = i * k, to = from + expected.length(i);
                    assertArrayEquals(Arrays.copyOfRange(expected.columns(), from, to),
                            Arrays.copyOfRange(actual.columns(), from, to), what + " row " + i + " columns");
                    assertBitsEqual(Arrays.copyOfRange(expected.values(), from, to),
                            Arrays.copyOfRange(actual.values(), from, to), what + " row " + i + " values");
                }
            }
        }
    }

    @Test
    void listsHoldTheNonzeroColumnsInOrderPaddedToTheLongestRowOfTheirGroup() {
        float[] a = {
            0, 5, 0, -0f,
            1, 2, 3, 0,
            0, 0, 0, 0};
        SparseRows rows = new SparseRows(3, 4);
        for (Kernels kernels : new Kernels[] {scalar, simd}) {
            assertEquals(4, kernels.nonzeroColumns(3, 4, a, rows), kernels.name() + " count");
            kernels.nonzeroRows(3, 4, a, rows);
            for (int i = 0; i < 3; i++) assertEquals(3, rows.length(i), kernels.name() + " row " + i);
            assertArrayEquals(new int[] {1, 4, 4}, Arrays.copyOfRange(rows.columns(), 0, 3), kernels.name());
            assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOfRange(rows.columns(), 4, 7), kernels.name());
            assertArrayEquals(new int[] {4, 4, 4}, Arrays.copyOfRange(rows.columns(), 8, 11), kernels.name());
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(rows.values()[1]), "padding is -0");
            assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(rows.union(), rows.unionLength()), kernels.name());
        }
    }

    @Test
    void gemmSparseGivesTheScalarBitsOnOddShapesAndBatchSizes() {
        for (int m : BATCHES) {
            for (int n : N) {
                for (int k : K) {
                    float[] a = sparse(m * k, 0.5), b = weights(k, n), c0 = random(m * n);
                    float[] expected = c0.clone(), actual = c0.clone();
                    SparseRows listed = new SparseRows(m, k);
                    scalar.nonzeroRows(m, k, a, listed);
                    scalar.gemmSparse(m, n, k, listed, b, expected);
                    simd.nonzeroRows(m, k, a, listed);
                    simd.gemmSparse(m, n, k, listed, b, actual);
                    assertBitsEqual(expected, actual, "gemmSparse m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void skippingZeroInputsGivesTheDenseBitsOnFiniteWeights() {
        for (Kernels kernels : new Kernels[] {scalar, simd}) {
            for (int[] s : new int[][] {{10, 16, 784}, {1, 16, 784}, {200, 33, 784}, {13, 7, 33}}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = sparse(m * k, 0.8), b = weights(k, n), c0 = random(m * n);
                float[] dense = c0.clone(), skipping = c0.clone();
                SparseRows listed = new SparseRows(m, k);
                kernels.gemm(m, n, k, a, b, dense);
                kernels.nonzeroColumns(m, k, a, listed);
                kernels.nonzeroRows(m, k, a, listed);
                kernels.gemmSparse(m, n, k, listed, b, skipping);
                assertBitsEqual(dense, skipping, kernels.name() + " " + Arrays.toString(s));
            }
        }
    }

    @Test
    void aSkippedTermLeavesMinusZeroAndHidesANonFiniteWeight() {
        // c = -0 + 0 * NaN + 0 * 7: gemm gives NaN, gemmSparse adds no term and keeps -0.
        float[] a = {0f, -0f}, b = weights(2, 1);
        b[0] = Float.NaN;
        b[1] = 7f;
        for (Kernels kernels : new Kernels[] {scalar, simd}) {
            SparseRows listed = new SparseRows(1, 2);
            kernels.nonzeroRows(1, 2, a, listed);
            float[] c = {-0f};
            kernels.gemmSparse(1, 1, 2, listed, b, c);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(c[0]), kernels.name());
        }
    }

    @Test
    void sparseStepGivesTheScalarBitsAndTheDenseStepOnTheUnionAndLeavesOtherRowsAlone() {
        for (int m : BATCHES) {
            for (int n : N) {
                for (int k : new int[] {1, 17, 33, 784}) {
                    String what = "m=" + m + " n=" + n + " k=" + k;
                    float[] a = sparse(m * k, m == 1 ? 0.8 : 0.97), b = random(m * n);
                    float[] sum0 = random(k * n), w0 = random(k * n);
                    w0[0] = -0f;   // a -0 weight in a row the dense step would turn to +0 if its input is 0
                    float scale = 1f / m, step = 3f / m;
                    float[] denseSum = sum0.clone(), denseW = w0.clone();
                    scalar.gemmTransAStep(m, n, k, a, b, scale, denseSum, step, denseW);
                    float[] expectedSum = null, expectedW = null;
                    for (Kernels kernels : new Kernels[] {scalar, simd}) {
                        SparseRows listed = new SparseRows(m, k);
                        kernels.nonzeroColumns(m, k, a, listed);
                        float[] sum = sum0.clone(), w = w0.clone();
                        kernels.gemmTransAStepSparse(m, n, k, a, listed, b, scale, sum, step, w);
                        if (expectedSum == null) {
                            expectedSum = sum;
                            expectedW = w;
                            boolean[] inUnion = new boolean[k];
                            for (int u = 0; u < listed.unionLength(); u++) inUnion[listed.union()[u]] = true;
                            for (int p = 0; p < k; p++) {
                                float[] sumRow = inUnion[p] ? denseSum : sum0, wRow = inUnion[p] ? denseW : w0;
                                assertBitsEqual(Arrays.copyOfRange(sumRow, p * n, p * n + n),
                                        Arrays.copyOfRange(sum, p * n, p * n + n), what + " sum row " + p);
                                assertBitsEqual(Arrays.copyOfRange(wRow, p * n, p * n + n),
                                        Arrays.copyOfRange(w, p * n, p * n + n), what + " weight row " + p);
                            }
                        } else {
                            assertBitsEqual(expectedSum, sum, what + " simd sum");
                            assertBitsEqual(expectedW, w, what + " simd weights");
                        }
                    }
                }
            }
        }
    }

    @Test
    void sparseKernelsSplitBetweenThreadsGiveTheSingleThreadedBits() {
        try (ParallelKernels parallel = new ParallelKernels(simd, 3, 0)) {
            for (int[] s : new int[][] {{128, 512, 784}, {200, 33, 784}, {10, 16, 784}, {13, 7, 33}}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = sparse(m * k, 0.5), b = weights(k, n), delta = random(m * n);
                SparseRows listed = new SparseRows(m, k);
                parallel.nonzeroColumns(m, k, a, listed);
                parallel.nonzeroRows(m, k, a, listed);
                float[] expected = random(m * n), actual = expected.clone();
                simd.gemmSparse(m, n, k, listed, b, expected);
                parallel.gemmSparse(m, n, k, listed, b, actual);
                assertBitsEqual(expected, actual, "gemmSparse " + Arrays.toString(s));
                float[] sumExpected = random(k * n), sumActual = sumExpected.clone();
                float[] wExpected = random(k * n), wActual = wExpected.clone();
                simd.gemmTransAStepSparse(m, n, k, a, listed, delta, 0.1f, sumExpected, -0.3f, wExpected);
                parallel.gemmTransAStepSparse(m, n, k, a, listed, delta, 0.1f, sumActual, -0.3f, wActual);
                assertBitsEqual(sumExpected, sumActual, "gemmTransAStepSparse sum " + Arrays.toString(s));
                assertBitsEqual(wExpected, wActual, "gemmTransAStepSparse weights " + Arrays.toString(s));
            }
        }
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

    /** A k x n weight matrix with the zero padding row and slack the sparse kernels read. */
    private float[] weights(int k, int n) {
        float[] w = new float[(k + SparseRows.PADDING_ROW) * n + Kernels.SLACK];
        for (int i = 0; i < k * n; i++) w[i] = (float) random.nextDouble(-1, 1);
        return w;
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
