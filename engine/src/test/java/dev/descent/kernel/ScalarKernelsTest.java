package dev.descent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The specification checked against answers worked out by hand. */
class ScalarKernelsTest {
    private final Kernels k = ScalarKernels.INSTANCE;

    //     a = | 1 2 3 |      b = | 1 2 |     a * b = | 1+6+15  2+8+18  | = | 22 28 |
    //         | 4 5 6 |          | 3 4 |             | 4+15+30 8+20+36 |   | 49 64 |
    //                            | 5 6 |
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] B = {1, 2, 3, 4, 5, 6};

    @Test
    void gemmAddsTheProductToC() {
        float[] c = {1, 1, 1, 1};
        k.gemm(2, 2, 3, A, B, c);
        assertArrayEquals(new float[] {23, 29, 50, 65}, c);
    }

    @Test
    void gemmTransAAddsTransposeOfATimesB() {
        // a as [m=2 x k=3], b as [m=2 x n=2] = | 1 2 | ; a^T b = | 1*1+4*3  1*2+4*4 |   | 13 18 |
        //                                      | 3 4 |           | 2*1+5*3  2*2+5*4 | = | 17 24 |
        //                                                        | 3*1+6*3  3*2+6*4 |   | 21 30 |
        float[] b = {1, 2, 3, 4};
        float[] c = {0, 0, 0, 0, 0, 10};
        k.gemmTransA(2, 2, 3, A, b, c);
        assertArrayEquals(new float[] {13, 18, 17, 24, 21, 40}, c);
    }

    @Test
    void gemmTransBAddsATimesTransposeOfB() {
        // a as [m=2 x n=3], b as [k=2 x n=3] = | 1 0 1 | ; a b^T = | 1+3  2+3 |   |  4  5 |
        //                                      | 0 1 1 |           | 4+6  5+6 | = | 10 11 |
        float[] b = {1, 0, 1, 0, 1, 1};
        float[] c = {0, 1, 0, 0};
        k.gemmTransB(2, 3, 2, A, b, c);
        assertArrayEquals(new float[] {4, 6, 10, 11}, c);
    }

    @Test
    void broadcastRowsCopiesTheRowIntoEachRowOnly() {
        float[] c = {9, 9, 9, 9, 9, 9, 9};
        k.broadcastRows(3, 2, new float[] {1, 2, 5}, c);
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 9}, c);
    }

    @Test
    void sumRowsAddsColumnSumsToOut() {
        float[] out = {1, 0, 0};
        k.sumRows(2, 3, A, out);
        assertArrayEquals(new float[] {6, 7, 9}, out);
    }

    @Test
    void axpyAddsAlphaTimesXToYOverTheFirstNOnly() {
        float[] y = {1, 1, 1, 1};
        k.axpy(3, -0.5f, new float[] {2, 4, 6, 8}, y);
        assertArrayEquals(new float[] {0, -1, -2, 1}, y);
    }

    @Test
    void dotSumsProductsOverTheFirstN() {
        assertEquals(1 * 4 + 2 * 5 + 3 * 6, k.dot(3, A, new float[] {4, 5, 6, 100}));
        assertEquals(0f, k.dot(0, A, A));
    }

    @Test
    void dotAddsShortSumsInIndexOrder() {
        // 1e8 + 1 - 1e8 is 0 in float when added left to right, 1 in any order that cancels first.
        float[] x = new float[32], y = new float[32];
        Arrays.fill(y, 1f);
        x[0] = 1e8f;
        x[1] = 1f;
        x[31] = -1e8f;
        assertEquals(0f, k.dot(32, x, y));
    }

    @Test
    void dotAddsLongSumsInSixteenStridedChainsThenTheFixedTree() {
        // The contract's block order over 40 products: chain l takes products l, l + 16, l + 32.
        float[] x = new float[40], y = new float[40];
        for (int j = 0; j < 40; j++) {
            x[j] = (float) Math.scalb(1.0 + j / 64.0, (j * 7) % 23 - 11);
            y[j] = (float) (1.0 - j / 50.0);
        }
        float[] s = new float[16];
        for (int j = 0; j < 48; j++) {
            s[j % 16] = j < 40 ? Math.fma(x[j], y[j], s[j % 16]) : Math.fma(0f, 0f, s[j % 16]);
        }
        float expected = (((s[0] + s[8]) + (s[4] + s[12])) + ((s[2] + s[10]) + (s[6] + s[14])))
                + (((s[1] + s[9]) + (s[5] + s[13])) + ((s[3] + s[11]) + (s[7] + s[15])));
        float inSequence = 0f;
        for (int j = 0; j < 40; j++) inSequence = Math.fma(x[j], y[j], inSequence);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(k.dot(40, x, y)));
        // The inputs are chosen so that the order shows: the sequential sum has other bits.
        assertNotEquals(Float.floatToIntBits(inSequence), Float.floatToIntBits(expected));
    }

    @Test
    void gemmTransBSumsEachOutputInTheOrderOfDot() {
        int rows = 2, n = 50, outputs = 3;
        float[] a = new float[rows * n], b = new float[outputs * n], c = new float[rows * outputs];
        for (int i = 0; i < a.length; i++) a[i] = (float) Math.sin(i * 1.7) * (i % 5 == 0 ? 1e4f : 1f);
        for (int i = 0; i < b.length; i++) b[i] = (float) Math.cos(i * 0.3);
        Arrays.fill(c, 0.25f);
        k.gemmTransB(rows, n, outputs, a, b, c);
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < outputs; p++) {
                float[] row = Arrays.copyOfRange(a, i * n, i * n + n), column = Arrays.copyOfRange(b, p * n, p * n + n);
                float expected = 0.25f + k.dot(n, row, column);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(c[i * outputs + p]),
                        "c[" + i + "][" + p + "]");
            }
        }
    }

    @Test
    void activationsApplyTheNamedFunction() {
        float[] z = {0, 2, -2};
        float[] a = new float[3];
        k.activate(Activation.RELU, 3, z, a);
        assertArrayEquals(new float[] {0, 2, 0}, a);
        k.activate(Activation.SIGMOID, 3, z, a);
        assertArrayEquals(new float[] {0.5f, 0.880797f, 0.119203f}, a, 1e-6f);
        k.activate(Activation.TANH, 3, z, a);
        assertArrayEquals(new float[] {0f, 0.964028f, -0.964028f}, a, 1e-6f);
    }

    @Test
    void multiplyByDerivativeScalesDeltaByTheSlopeAtTheOutput() {
        float[] delta = {2, 2, 2};
        k.multiplyByDerivative(Activation.SIGMOID, 3, new float[] {0.5f, 0.25f, 1f}, delta);
        assertArrayEquals(new float[] {0.5f, 0.375f, 0f}, delta);

        delta = new float[] {2, 2, 2};
        k.multiplyByDerivative(Activation.TANH, 3, new float[] {0f, 0.5f, -1f}, delta);
        assertArrayEquals(new float[] {2f, 1.5f, 0f}, delta);

        delta = new float[] {2, 2, 2};
        k.multiplyByDerivative(Activation.RELU, 3, new float[] {3f, 0f, -1f}, delta);
        assertArrayEquals(new float[] {2f, 0f, 0f}, delta);
    }

    @Test
    void multiplyByDerivativeFlushesTinyResults() {
        float[] delta = {1e-20f, 1e-19f};
        k.multiplyByDerivative(Activation.SIGMOID, 2, new float[] {0.5f, 0.5f}, delta);
        assertArrayEquals(new float[] {0f, 0.25e-19f}, delta);
    }

    @Test
    void unsignedBytesToFloatsReadsBytesAsUnsignedFromTheOffsets() {
        byte[] src = {7, 0, 1, (byte) 128, (byte) 255};
        float[] dst = {-1, -1, -1, -1, -1};
        k.unsignedBytesToFloats(4, src, 1, 0.5f, dst, 1);
        assertArrayEquals(new float[] {-1, 0f, 0.5f, 64f, 127.5f}, dst);
    }
}
