package dev.descent.kernel;

import java.util.Arrays;

/**
 * The specification of every kernel in plain loops. Tests hold the SIMD kernels to these; they are
 * also what runs when the Vector API is not available or {@code -Ddescent.kernels=scalar} is set.
 */
public final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public float fmaChains(int rounds) {
        // Started at different values, so the JIT cannot merge chains; m and c keep them bounded.
        float m = 0.9999999f, c = 1e-7f;
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
        for (int i = 0; i < rounds; i++) {
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c); a9 = Math.fma(a9, m, c); a10 = Math.fma(a10, m, c); a11 = Math.fma(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public void gemmRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        for (int i = from; i < to; i++) {
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = Math.fma(aip, b[p * n + j], c[i * n + j]);
                }
            }
        }
    }

    @Override
    public void gemmTransARows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int p = from; p < to; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[p * n + j] = Math.fma(aip, b[i * n + j], c[p * n + j]);
                }
            }
        }
    }

    @Override
    public void gemmTransBRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        for (int i = from; i < to; i++) {
            for (int p = 0; p < k; p++) {
                c[i * k + p] += sumOfProducts(n, a, i * n, b, p * n);
            }
        }
    }

    @Override
    public void gemmTransAStepRows(int m, int n, int k, int from, int to, float[] a, float[] b, float sumScale,
                                   float[] sum, float step, float[] w) {
        for (int p = from; p < to; p++) stepRow(m, n, k, p, a, b, sumScale, sum, step, w);
    }

    /** Row p of gemmTransAStep: each g[p][j] sums i = 0..m-1 in order from 0, then one FMA each. */
    private static void stepRow(int m, int n, int k, int p, float[] a, float[] b, float sumScale, float[] sum,
                                float step, float[] w) {
        for (int j = 0; j < n; j++) {
            float g = 0f;
            for (int i = 0; i < m; i++) g = Math.fma(a[i * k + p], b[i * n + j], g);
            int at = p * n + j;
            sum[at] = Math.fma(sumScale, g, sum[at]);
            w[at] = Math.fma(step, g, w[at]);
        }
    }

    @Override
    public void nonzeroColumns(int m, int k, float[] a, long[] columns) {
        Arrays.fill(columns, 0, (k + 63) / 64, 0L);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                if (a[i * k + p] != 0f) columns[p >>> 6] |= 1L << p;   // false for +0 and -0, true for NaN
            }
        }
    }

    @Override
    public void gemmSparseRows(int m, int n, int k, int from, int to, float[] bias, float[] a, long[] columns,
                               float[] b, float[] c) {
        for (int i = from; i < to; i++) {
            for (int j = 0; j < n; j++) c[i * n + j] = sparseSum(i, j, n, k, bias, a, b);
        }
    }

    /**
     * Element (i, j) of {@link #gemmSparse}: bias[j] plus the terms of the nonzero a[i][p], in index order.
     * Public for the SIMD kernels, which compute the few elements where skipping changes a bit with it.
     */
    public static float sparseSum(int i, int j, int n, int k, float[] bias, float[] a, float[] b) {
        float s = bias[j];
        for (int p = 0; p < k; p++) {
            float aip = a[i * k + p];
            if (aip != 0f) s = Math.fma(aip, b[p * n + j], s);
        }
        return s;
    }

    @Override
    public void gemmTransAStepSparseRows(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                         float sumScale, float[] sum, float step, float[] w) {
        for (int p = from; p < to; p++) {
            if (Kernels.marked(columns, p)) stepRow(m, n, k, p, a, b, sumScale, sum, step, w);
        }
    }

    @Override
    public void broadcastRows(int m, int n, float[] row, float[] c) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(row, 0, c, i * n, n);
        }
    }

    @Override
    public void sumRows(int m, int n, float[] a, float[] out) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j] += a[i * n + j];
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public float dot(int n, float[] x, float[] y) {
        return sumOfProducts(n, x, 0, y, 0);
    }

    /** Sum of x[xo + j] * y[yo + j] for j in [0, n), in the order {@link Kernels} defines. */
    private static float sumOfProducts(int n, float[] x, int xo, float[] y, int yo) {
        if (n <= IN_SEQUENCE) {
            float sum = 0f;
            for (int j = 0; j < n; j++) sum = Math.fma(x[xo + j], y[yo + j], sum);
            return sum;
        }
        return tree(n, x, xo, y, yo, 0, 1);
    }

    /**
     * The block order's tree over chains {@code lane, lane + d, lane + 2d, ...} below 16:
     * {@code tree(0, 1)} is the whole sum, and {@code tree(l, 8)} is chain l plus chain l + 8.
     */
    private static float tree(int n, float[] x, int xo, float[] y, int yo, int lane, int d) {
        if (d == BLOCK) return chain(n, x, xo, y, yo, lane);
        return tree(n, x, xo, y, yo, lane, 2 * d) + tree(n, x, xo, y, yo, lane + d, 2 * d);
    }

    /** Chain l of the block order: products l, l + 16, ..., the padding past n as 0 * 0, as a masked lane. */
    private static float chain(int n, float[] x, int xo, float[] y, int yo, int lane) {
        int padded = (n + BLOCK - 1) / BLOCK * BLOCK;
        float sum = 0f;
        for (int j = lane; j < padded; j += BLOCK) {
            sum = j < n ? Math.fma(x[xo + j], y[yo + j], sum) : Math.fma(0f, 0f, sum);
        }
        return sum;
    }

    @Override
    public void activate(Activation f, int n, float[] z, float[] a) {
        switch (f) {
            case SIGMOID -> { for (int i = 0; i < n; i++) a[i] = Numerics.sigmoid(z[i]); }
            case TANH -> { for (int i = 0; i < n; i++) a[i] = Numerics.tanh(z[i]); }
            case RELU -> { for (int i = 0; i < n; i++) a[i] = Numerics.relu(z[i]); }
            case IDENTITY -> { if (a != z) System.arraycopy(z, 0, a, 0, n); }
        }
    }

    @Override
    public void multiplyByDerivative(Activation f, int n, float[] a, float[] delta) {
        for (int i = 0; i < n; i++) {
            delta[i] = Numerics.flush(delta[i] * Numerics.derivative(f, a[i]));
        }
    }

    @Override
    public void unsignedBytesToFloats(int n, byte[] src, int srcOffset, float scale, float[] dst, int dstOffset) {
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) * scale;
        }
    }
}
