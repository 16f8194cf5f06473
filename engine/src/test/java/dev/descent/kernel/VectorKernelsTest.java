package dev.descent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.kernel.simd.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Holds the SIMD kernels to the scalar specification, bit for bit, on random shapes, tails included.
 * The build runs this class at every width ({@code -Ddescent.vector.bits=128|256} and the widest).
 */
class VectorKernelsTest {
    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1021};
    private static final int[] GEMM_N = {1, 10, 15, 16, 17, 33, 41, 47, 56, 100};
    private static final int[] GEMM_K = {1, 7, 16, 17, 784};

    private final Kernels scalar = ScalarKernels.INSTANCE;
    private final VectorKernels simd = new VectorKernels();
    private final SplittableRandom random = new SplittableRandom(20261129);

    @Test
    void usesTheWidthForcedByThePropertyOrTheWidestAvailable() {
        String bits = System.getProperty(VectorKernels.BITS_PROPERTY);
        assertEquals("simd", simd.name());
        assertTrue(simd.lanes() == 4 || simd.lanes() == 8 || simd.lanes() == 16, "lanes " + simd.lanes());
        if (bits != null && !bits.isBlank()) assertEquals(Integer.parseInt(bits.strip()) / Float.SIZE, simd.lanes());
    }

    @Test
    void gemmGivesTheScalarBitsOnRandomShapesAndAccumulates() {
        for (int m = 1; m <= 13; m++) {
            for (int n : GEMM_N) {
                for (int k : GEMM_K) {
                    float[] a = random(m * k), b = random(k * n), c0 = random(m * n);
                    float[] expected = c0.clone(), actual = c0.clone();
                    scalar.gemm(m, n, k, a, b, expected);
                    simd.gemm(m, n, k, a, b, actual);
                    assertBitsEqual(expected, actual, "gemm m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void gemmAndGemmTransBGiveTheScalarBitsForTheNetworkShapesWithLargeBatches() {
        int[][] shapes = {{128, 100, 784}, {128, 512, 784}, {128, 512, 512}, {10, 16, 784}, {10, 10, 16},
            {200, 33, 784}, {1, 7, 33}, {1, 512, 784}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k), b = random(k * n), c0 = random(m * n);
            float[] expected = c0.clone(), actual = c0.clone();
            scalar.gemm(m, n, k, a, b, expected);
            simd.gemm(m, n, k, a, b, actual);
            assertBitsEqual(expected, actual, "gemm " + Arrays.toString(s));
            float[] d = random(m * n), e0 = random(m * k);
            expected = e0.clone();
            actual = e0.clone();
            scalar.gemmTransB(m, n, k, d, b, expected);
            simd.gemmTransB(m, n, k, d, b, actual);
            assertBitsEqual(expected, actual, "gemmTransB " + Arrays.toString(s));
        }
    }

    @Test
    void wideBlocksGiveTheScalarBitsWhereTheirRowsColumnsPanelsAndTilesEnd() {
        // The wide kernels take 8 (gemm, the steps) or 4 and 2 (gemmTransB) rows at a time, two vectors of
        // columns, panels of 128 rows of b (gemm) and tiles of about 8192 / n rows of b (gemmTransB): these
        // shapes end each of them early, late and on the edge, at every width.
        int[][] shapes = {{16, 64, 129}, {17, 65, 255}, {20, 96, 257}, {22, 127, 300}, {23, 128, 513},
            {14, 200, 1025}, {15, 33, 2049}, {9, 160, 8}, {31, 256, 301}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            String what = Arrays.toString(s);
            float[] a = random(m * k), b = random(k * n), c0 = random(m * n);
            float[] expected = c0.clone(), actual = c0.clone();
            scalar.gemm(m, n, k, a, b, expected);
            simd.gemm(m, n, k, a, b, actual);
            assertBitsEqual(expected, actual, "gemm " + what);

            float[] d = random(m * n), e0 = random(m * k);
            expected = e0.clone();
            actual = e0.clone();
            scalar.gemmTransB(m, n, k, d, b, expected);
            simd.gemmTransB(m, n, k, d, b, actual);
            assertBitsEqual(expected, actual, "gemmTransB " + what);

            float[] g0 = random(k * n);
            expected = g0.clone();
            actual = g0.clone();
            scalar.gemmTransA(m, n, k, a, d, expected);
            simd.gemmTransA(m, n, k, a, d, actual);
            assertBitsEqual(expected, actual, "gemmTransA " + what);

            float[] sumExpected = random(k * n), sumActual = sumExpected.clone(), w = random(k * n);
            expected = w.clone();
            actual = w.clone();
            scalar.gemmTransAStep(m, n, k, a, d, 0.1f, sumExpected, -0.3f, expected);
            simd.gemmTransAStep(m, n, k, a, d, 0.1f, sumActual, -0.3f, actual);
            assertBitsEqual(expected, actual, "gemmTransAStep weights " + what);
            assertBitsEqual(sumExpected, sumActual, "gemmTransAStep sums " + what);
        }
    }

    @Test
    void gemmGemmTransAAndSumRowsKeepTheScalarSummationOrderBitForBit() {
        // VectorKernels promises this: every output element adds its terms in the scalar order.
        int[][] shapes = {{10, 16, 784}, {13, 17, 33}, {7, 100, 16}, {3, 33, 7}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k), b = random(k * n), c = random(m * n), ct = random(k * n);
            float[] expected = c.clone(), actual = c.clone();
            scalar.gemm(m, n, k, a, b, expected);
            simd.gemm(m, n, k, a, b, actual);
            assertBitsEqual(expected, actual, "gemm " + Arrays.toString(s));
            expected = ct.clone();
            actual = ct.clone();
            scalar.gemmTransA(m, n, k, a, c, expected);
            simd.gemmTransA(m, n, k, a, c, actual);
            assertBitsEqual(expected, actual, "gemmTransA " + Arrays.toString(s));
            expected = ct.clone();
            actual = ct.clone();
            scalar.sumRows(k, n, b, expected);
            simd.sumRows(k, n, b, actual);
            assertBitsEqual(expected, actual, "sumRows " + Arrays.toString(s));
        }
    }

    @Test
    void gemmTransBOverNarrowLayersKeepsTheScalarOrderBitForBit() {
        // Up to 32 columns each output sums its n terms in order, as the scalar loop does.
        for (int m = 1; m <= 13; m++) {
            for (int n : new int[] {1, 7, 10, 16, 17, 32}) {
                for (int k : new int[] {1, 10, 15, 16, 17, 33, 512}) {
                    float[] a = random(m * n), b = random(k * n), c0 = random(m * k);
                    float[] expected = c0.clone(), actual = c0.clone();
                    scalar.gemmTransB(m, n, k, a, b, expected);
                    simd.gemmTransB(m, n, k, a, b, actual);
                    assertBitsEqual(expected, actual, "gemmTransB m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void fusedGradientStepMatchesScalarAndTheUnfusedStepsBitForBit() {
        for (int m = 1; m <= 13; m++) {
            for (int n : GEMM_N) {
                for (int k : GEMM_K) {
                    String what = "gemmTransAStep m=" + m + " n=" + n + " k=" + k;
                    float[] a = random(m * k), b = random(m * n), sum0 = random(k * n), w0 = random(k * n);
                    float scale = 1f / m, step = -3f / m;
                    // The unfused reference: gradient into a zeroed matrix, then two axpy steps.
                    float[] g = new float[k * n], sumUnfused = sum0.clone(), wUnfused = w0.clone();
                    scalar.gemmTransA(m, n, k, a, b, g);
                    scalar.axpy(k * n, scale, g, sumUnfused);
                    scalar.axpy(k * n, step, g, wUnfused);
                    for (Kernels kernels : new Kernels[] {scalar, simd}) {
                        float[] sum = sum0.clone(), w = w0.clone();
                        kernels.gemmTransAStep(m, n, k, a, b, scale, sum, step, w);
                        assertBitsEqual(sumUnfused, sum, what + " " + kernels.name() + " sum");
                        assertBitsEqual(wUnfused, w, what + " " + kernels.name() + " weights");
                    }
                }
            }
        }
    }

    @Test
    void rowRangesComputeTheirRowsExactlyAsTheWholeCallAndLeaveTheRestAlone() {
        int[][] shapes = {{10, 16, 784}, {13, 17, 33}, {9, 100, 16}, {128, 40, 30}, {5, 10, 1}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k), b = random(k * n), bt = random(m * n), d = random(m * n);
            for (Kernels kernels : new Kernels[] {scalar, simd}) {
                // Odd splits too: the kernels block rows by 2, 4 and 8, and a range may cut a block.
                for (int from = 0; from <= m; from += 3) {
                    int to = Math.min(m, from + 5);
                    String what = kernels.name() + " " + Arrays.toString(s) + " rows " + from + ".." + to;
                    float[] whole = random(m * n), part = whole.clone(), before = whole.clone();
                    kernels.gemm(m, n, k, a, b, whole);
                    kernels.gemmRows(m, n, k, from, to, a, b, part);
                    assertRows(whole, before, part, n, from, to, "gemmRows " + what);

                    whole = random(m * k);
                    part = whole.clone();
                    before = whole.clone();
                    kernels.gemmTransB(m, n, k, d, b, whole);
                    kernels.gemmTransBRows(m, n, k, from, to, d, b, part);
                    assertRows(whole, before, part, k, from, to, "gemmTransBRows " + what);
                }
                for (int from = 0; from <= k; from += Math.max(1, k / 3)) {
                    int to = Math.min(k, from + Math.max(1, k / 3) + 1);
                    String what = kernels.name() + " " + Arrays.toString(s) + " rows " + from + ".." + to;
                    float[] whole = random(k * n), part = whole.clone(), before = whole.clone();
                    kernels.gemmTransA(m, n, k, a, bt, whole);
                    kernels.gemmTransARows(m, n, k, from, to, a, bt, part);
                    assertRows(whole, before, part, n, from, to, "gemmTransARows " + what);

                    float[] sumWhole = random(k * n), sumPart = sumWhole.clone(), sumBefore = sumWhole.clone();
                    whole = random(k * n);
                    part = whole.clone();
                    before = whole.clone();
                    kernels.gemmTransAStep(m, n, k, a, bt, 0.1f, sumWhole, -0.3f, whole);
                    kernels.gemmTransAStepRows(m, n, k, from, to, a, bt, 0.1f, sumPart, -0.3f, part);
                    assertRows(whole, before, part, n, from, to, "gemmTransAStepRows weights " + what);
                    assertRows(sumWhole, sumBefore, sumPart, n, from, to, "gemmTransAStepRows sums " + what);
                }
            }
        }
    }

    @Test
    void narrowGemmGivesTheScalarBitsForEveryMixOfRowBlocks() {
        // Up to one vector of columns, rows go in blocks of 10, 8, 2 and 1: each batch size up to 53 is another
        // mix of them, and a row range that starts at m / 3 cuts a block.
        int lanes = simd.lanes();
        for (int m = 1; m <= 53; m++) {
            for (int n : new int[] {1, lanes - 1, lanes, 10, 16}) {
                for (int k : new int[] {1, 2, 7, 784}) {
                    String what = "m=" + m + " n=" + n + " k=" + k;
                    float[] a = random(m * k), b = random(k * n), c0 = random(m * n);
                    float[] expected = c0.clone(), actual = c0.clone();
                    scalar.gemm(m, n, k, a, b, expected);
                    simd.gemm(m, n, k, a, b, actual);
                    assertBitsEqual(expected, actual, "gemm " + what);
                    int from = m / 3;
                    float[] part = c0.clone();
                    simd.gemmRows(m, n, k, from, m, a, b, part);
                    assertRows(expected, c0, part, n, from, m, "gemmRows " + what + " rows " + from + ".." + m);
                }
            }
        }
    }

    /** Rows [from, to) of {@code part} equal {@code whole}'s, and the other rows are still {@code before}'s. */
    private static void assertRows(float[] whole, float[] before, float[] part, int width, int from, int to,
                                   String what) {
        for (int i = 0; i < part.length; i++) {
            int row = i / width;
            float expected = row >= from && row < to ? whole[i] : before[i];
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(part[i])) {
                fail(what + ": element " + i + " (row " + row + ") is " + part[i] + ", expected " + expected);
            }
        }
    }

    @Test
    void gemmLeavesElementsOutsideTheOutputAlone() {
        int m = 3, n = 17, k = 5;
        float[] c = new float[m * n + 40];
        Arrays.fill(c, 7f);
        simd.gemm(m, n, k, random(m * k), random(k * n), c);
        for (int i = m * n; i < c.length; i++) assertEquals(7f, c[i], "c[" + i + "]");
    }

    @Test
    void gemmTransAGivesTheScalarBitsOnRandomShapesAndAccumulates() {
        for (int m = 1; m <= 13; m++) {
            for (int n : GEMM_N) {
                for (int k : GEMM_K) {
                    float[] a = random(m * k), b = random(m * n), c0 = random(k * n);
                    float[] expected = c0.clone(), actual = c0.clone();
                    scalar.gemmTransA(m, n, k, a, b, expected);
                    simd.gemmTransA(m, n, k, a, b, actual);
                    assertBitsEqual(expected, actual, "gemmTransA m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void gemmTransBGivesTheScalarBitsOnRandomShapesAndAccumulates() {
        for (int m = 1; m <= 13; m++) {
            for (int n : GEMM_N) {
                for (int k : GEMM_K) {
                    float[] a = random(m * n), b = random(k * n), c0 = random(m * k);
                    float[] expected = c0.clone(), actual = c0.clone();
                    scalar.gemmTransB(m, n, k, a, b, expected);
                    simd.gemmTransB(m, n, k, a, b, actual);
                    assertBitsEqual(expected, actual, "gemmTransB m=" + m + " n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void sumRowsGivesTheScalarBitsAndAccumulates() {
        for (int m = 0; m <= 13; m++) {
            for (int n : LENGTHS) {
                float[] a = random(m * n), out0 = random(n);
                float[] expected = out0.clone(), actual = out0.clone();
                scalar.sumRows(m, n, a, expected);
                simd.sumRows(m, n, a, actual);
                assertBitsEqual(expected, actual, "sumRows m=" + m + " n=" + n);
            }
        }
    }

    @Test
    void broadcastRowsCopiesTheRowIntoEveryRow() {
        for (int m = 0; m <= 5; m++) {
            for (int n : LENGTHS) {
                float[] row = random(n), expected = random(m * n + 3), actual = expected.clone();
                scalar.broadcastRows(m, n, row, expected);
                simd.broadcastRows(m, n, row, actual);
                assertBitsEqual(expected, actual, "broadcastRows m=" + m + " n=" + n);
            }
        }
    }

    @Test
    void axpyMatchesScalarBitForBit() {
        for (int n : LENGTHS) {
            float[] x = random(n + 2), y0 = random(n + 2);
            float[] expected = y0.clone(), actual = y0.clone();
            scalar.axpy(n, -0.37f, x, expected);
            simd.axpy(n, -0.37f, x, actual);
            assertBitsEqual(expected, actual, "axpy n=" + n);
        }
    }

    @Test
    void dotGivesTheScalarBitsAtEveryLengthAndOffsetOfTheTail() {
        for (int n = 0; n <= 300; n++) {
            float[] x = random(n), y = random(n);
            assertEquals(Float.floatToIntBits(scalar.dot(n, x, y)), Float.floatToIntBits(simd.dot(n, x, y)),
                    "dot n=" + n);
        }
        for (int n : new int[] {1021, 13002, 100_000}) {
            float[] x = random(n);
            assertEquals(Float.floatToIntBits(scalar.dot(n, x, x)), Float.floatToIntBits(simd.dot(n, x, x)),
                    "dot n=" + n);
        }
        float[] ones = new float[1021];
        Arrays.fill(ones, 1f);
        assertEquals(1021f, simd.dot(1021, ones, ones));
    }

    @Test
    void activationsMatchScalarBitForBit() {
        for (Activation f : Activation.values()) {
            for (int n : LENGTHS) {
                float[] z = edgeCasesThenRandom(n, 40f);
                float[] expected = new float[n], actual = new float[n];
                scalar.activate(f, n, z, expected);
                simd.activate(f, n, z, actual);
                assertBitsEqual(expected, actual, f + " n=" + n);
            }
        }
    }

    @Test
    void activationsMayRunInPlace() {
        float[] z = edgeCasesThenRandom(1021, 10f);
        for (Activation f : Activation.values()) {
            float[] expected = new float[z.length], inPlace = z.clone();
            scalar.activate(f, z.length, z, expected);
            simd.activate(f, inPlace.length, inPlace, inPlace);
            assertBitsEqual(expected, inPlace, f + " in place");
        }
    }

    @Test
    void derivativesMatchScalarBitForBitIncludingFlushedResults() {
        for (Activation f : Activation.values()) {
            for (int n : LENGTHS) {
                float[] z = edgeCasesThenRandom(n, 40f);
                float[] a = new float[n];
                scalar.activate(f, n, z, a);
                float[] delta0 = deltas(n);
                float[] expected = delta0.clone(), actual = delta0.clone();
                scalar.multiplyByDerivative(f, n, a, expected);
                simd.multiplyByDerivative(f, n, a, actual);
                assertBitsEqual(expected, actual, f + "' n=" + n);
            }
        }
    }

    @Test
    void derivativeFlushesProductsBelowTheThresholdToZero() {
        int n = 32;
        float[] a = new float[n], delta = new float[n];
        Arrays.fill(a, 0.5f);                                // sigmoid' = 0.25
        Arrays.fill(delta, 4 * Numerics.FLUSH_BELOW * 0.99f); // product just below the threshold
        delta[3] = 4 * Numerics.FLUSH_BELOW * 1.01f;
        simd.multiplyByDerivative(Activation.SIGMOID, n, a, delta);
        for (int i = 0; i < n; i++) {
            if (i == 3) assertTrue(delta[i] > 0f);
            else assertEquals(0, Float.floatToRawIntBits(delta[i]), "delta[" + i + "]");
        }
    }

    @Test
    void unsignedBytesToFloatsTreatsJavaBytesAsUnsignedAtAnyOffset() {
        byte[] src = new byte[1100];
        for (int i = 0; i < src.length; i++) src[i] = (byte) (i * 37 + 11); // every value 0..255, negatives included
        int[] offsets = {0, 1, 3, 17};
        for (int n : LENGTHS) {
            for (int srcOffset : offsets) {
                for (int dstOffset : offsets) {
                    float[] expected = new float[n + 20], actual = new float[n + 20];
                    Arrays.fill(expected, -1f);
                    Arrays.fill(actual, -1f);
                    scalar.unsignedBytesToFloats(n, src, srcOffset, 1f / 255f, expected, dstOffset);
                    simd.unsignedBytesToFloats(n, src, srcOffset, 1f / 255f, actual, dstOffset);
                    assertBitsEqual(expected, actual, "bytes n=" + n + " src@" + srcOffset + " dst@" + dstOffset);
                }
            }
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        float[] out = new float[256];
        simd.unsignedBytesToFloats(256, all, 0, 1f, out, 0);
        for (int i = 0; i < 256; i++) assertEquals((float) i, out[i], "byte " + (byte) i);
    }

    @Test
    void providerGivesTheseKernelsForSimdAndRejectsUnknownNames() {
        // The provider's "simd" choice must give this class, not silently the scalar one.
        assertEquals("simd", KernelProvider.forName("simd").name());
        assertThrows(IllegalArgumentException.class, () -> KernelProvider.forName("simdd"));
    }

    // ---------------------------------------------------------------------------------------------

    private float[] random(int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = (float) random.nextDouble(-1, 1);
        return v;
    }

    /** Clamp edges, extremes, zeros and tiny values first, then random values in (-range, range). */
    private float[] edgeCasesThenRandom(int n, float range) {
        float[] edges = {
            0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, 1e-7f,
            30f, -30f, 29.999998f, -29.999998f, 30.000002f, -30.000002f, 15f, -15f, 15.000001f,
            43.5f, -43.5f, 44f, -44f, 87f, -87f, 88f, -88f, 88.5f, -88.5f, 100f, -100f, 1e30f, -1e30f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            0.5f, -0.5f, 0.34657359f, -0.34657359f, 1f, -1f, 2f, -2f, 9.5f, -9.5f, 17.3f, -17.3f
        };
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = i < edges.length ? edges[i] : (float) random.nextDouble(-range, range);
        }
        // Spread the edge cases over vector and tail positions alike.
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = z[i]; z[i] = z[j]; z[j] = t;
        }
        return z;
    }

    /** Ordinary deltas mixed with tiny ones whose products land on both sides of FLUSH_BELOW. */
    private float[] deltas(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (i % 4) {
                case 0 -> (float) random.nextDouble(-1, 1);
                case 1 -> (float) random.nextDouble(-1, 1) * 1e-19f;
                case 2 -> (float) random.nextDouble(-1, 1) * 1e-20f;
                default -> (float) random.nextDouble(-1e3, 1e3);
            };
        }
        return d;
    }

    /** Same bits, except that all NaNs count as one: the hardware picks NaN signs and payloads. */
    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " scalar " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), simd " + actual[i]
                        + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ")");
            }
        }
    }
}
