package dev.descent.kernel;

/**
 * The operations of forward and backward passes over a mini-batch. Matrices are row-major; in the
 * network a batch matrix has one sample per row and a weight matrix is input-major
 * ({@code w[i * n + j]} connects input i to neuron j), so every kernel streams contiguous rows.
 * Implementations allocate nothing and keep no state.
 *
 * <h2>Summation order</h2>
 * Every implementation, at every vector width and thread count, gives the bits of
 * {@link ScalarKernels}, because the order in which each output element adds its terms is part of
 * this contract. {@code gemm}, {@code gemmTransA}, {@code gemmTransAStep} and {@code sumRows} add
 * their terms one by one in index order, starting from the output's value (or 0 for a gradient).
 * {@code dot} and {@code gemmTransB} sum n products: up to {@link #IN_SEQUENCE} of them in index
 * order from 0, more of them in the <em>block order</em>:
 * <pre>
 *   s[l] = the fused multiply-add chain, from 0, over the products j = l, l + 16, l + 32, ...
 *          for l in [0, 16), running over 16 * ceil(n / 16) products, those at j >= n being 0 * 0
 *   sum  = (((s0 + s8) + (s4 + s12)) + ((s2 + s10) + (s6 + s14)))
 *        + (((s1 + s9) + (s5 + s13)) + ((s3 + s11) + (s7 + s15)))
 * </pre>
 * that is lanes l and l + 8 first, then l and l + 4, l and l + 2, and the last two. A 16-float
 * vector holds the 16 chains in one register, an 8-float vector in two and a 4-float vector in four,
 * so the order costs no vector width anything and the lanes are reduced once per output element.
 *
 * <h2>Zero inputs</h2>
 * {@code gemmSparse} is the first layer's {@code bias + a * b} without the terms whose a[i][p] is 0
 * (or -0): each output starts at its bias and adds the other terms in index order, as {@code gemm}
 * does. Skipping a term 0 * b changes a sum only when b is not finite (the term would make it NaN) or
 * the sum is a zero (-0 + 0 * b may be +0), so on finite weights it has {@code gemm}'s bits except for
 * the sign of some zero results. {@code gemmTransAStepSparse} leaves alone the weight rows p whose input
 * a[i][p] is 0 in every row i of the batch (their gradient is 0) and steps the others exactly as
 * {@code gemmTransAStep} does.
 */
public interface Kernels {
    /** Floats per block of the block order: the chains of a long sum. */
    int BLOCK = 16;

    /** Sums of at most this many products are added in index order; longer ones in the block order. */
    int IN_SEQUENCE = 32;

    /**
     * Floats of slack to allocate after the end of every array that the kernels stream. Kernels are
     * correct without it, but the Vector API leaves its fast path for a masked access that would
     * cross an array's end, so the network's buffers carry this much unused room.
     */
    int SLACK = 16;

    /** A short name for logs and summaries: {@code scalar} or {@code simd}. */
    String name();

    /** Floats per arithmetic instruction: 1 for the scalar kernels, the vector's lanes for SIMD. */
    int lanes();

    /**
     * The FMA peak probe, for benchmarks: {@code rounds} rounds of 12 independent fused multiply-add
     * chains, each {@link #lanes} floats wide, so that no FMA waits for another's result. That is
     * {@code 24 * lanes() * rounds} floating-point operations at the CPU's best rate for this width,
     * the ceiling every kernel is measured against. Returns a value that depends on every chain.
     */
    float fmaChains(int rounds);

    /** c[m x n] += a[m x k] * b[k x n]. The forward pass: z += x * w. */
    default void gemm(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemmRows(m, n, k, 0, m, a, b, c);
    }

    /**
     * {@link #gemm} for rows {@code [from, to)} of c only. Every element of c is computed the same way
     * whatever the range, so splitting the rows between threads cannot change a bit; the same holds
     * for the other {@code Rows} kernels.
     */
    void gemmRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c);

    /** c[k x n] += transpose(a[m x k]) * b[m x n]. Weight gradients: gw += transpose(x) * delta. */
    default void gemmTransA(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemmTransARows(m, n, k, 0, k, a, b, c);
    }

    /** {@link #gemmTransA} for rows {@code [from, to)} of c (of its k rows) only. */
    void gemmTransARows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c);

    /**
     * c[m x k] += a[m x n] * transpose(b[k x n]). Back-propagated error: e += delta * transpose(w).
     * Each c[i][p] gains the sum of its n products, added in the order of {@link #dot}.
     */
    default void gemmTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        gemmTransBRows(m, n, k, 0, m, a, b, c);
    }

    /** {@link #gemmTransB} for rows {@code [from, to)} of c (of its m rows) only. */
    void gemmTransBRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c);

    /**
     * The plain gradient-descent step of one weight matrix without materialising its gradient: for
     * every element of g = transpose(a[m x k]) * b[m x n] (summed over i = 0..m-1 in order, from 0),
     * {@code sum += sumScale * g} and {@code w += step * g}, each as one fused multiply-add. Gives the
     * same bits as gemmTransA into a zeroed matrix followed by {@code axpy(sumScale, g, sum)} and
     * {@code axpy(step, g, w)}, with one pass over the weights instead of four.
     */
    default void gemmTransAStep(int m, int n, int k, float[] a, float[] b, float sumScale, float[] sum,
                                float step, float[] w) {
        gemmTransAStepRows(m, n, k, 0, k, a, b, sumScale, sum, step, w);
    }

    /** {@link #gemmTransAStep} for rows {@code [from, to)} of the weights (of their k rows) only. */
    void gemmTransAStepRows(int m, int n, int k, int from, int to, float[] a, float[] b, float sumScale,
                            float[] sum, float step, float[] w);

    /**
     * Marks which of the k columns of a[m x k] are nonzero in at least one of its m rows: bit
     * {@code p % 64} of {@code columns[p / 64]} is set for those and cleared for the rest (NaN counts as
     * nonzero). For {@link #gemmTransAStepSparse}: the inputs that are zero in a whole batch.
     */
    void nonzeroColumns(int m, int k, float[] a, long[] columns);

    /**
     * c[m x n] = bias + a[m x k] * b[k x n] over the nonzero a[i][p] only: c[i][j] starts at bias[j]
     * and adds a[i][p] * b[p][j] for the p with a[i][p] != 0, in index order, each as one fused
     * multiply-add. The first layer's forward pass: inputs are often mostly zeros. {@code columns} marks
     * a's columns as {@link #nonzeroColumns} does, or is null (nothing known); the results do not depend
     * on it, but an implementation may skip the unmarked columns (zero in every row) without looking.
     */
    default void gemmSparse(int m, int n, int k, float[] bias, float[] a, long[] columns, float[] b, float[] c) {
        gemmSparseRows(m, n, k, 0, m, bias, a, columns, b, c);
    }

    /** {@link #gemmSparse} for rows {@code [from, to)} of c only. */
    void gemmSparseRows(int m, int n, int k, int from, int to, float[] bias, float[] a, long[] columns, float[] b,
                        float[] c);

    /**
     * {@link #gemmTransAStep} for the rows p of w whose bit is set in {@code columns} (as
     * {@link #nonzeroColumns} marked a's columns) only: the others have a zero gradient and are left alone.
     */
    default void gemmTransAStepSparse(int m, int n, int k, float[] a, long[] columns, float[] b, float sumScale,
                                      float[] sum, float step, float[] w) {
        gemmTransAStepSparseRows(m, n, k, 0, k, a, columns, b, sumScale, sum, step, w);
    }

    /** {@link #gemmTransAStepSparse} for rows {@code [from, to)} of the weights only. */
    void gemmTransAStepSparseRows(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                  float sumScale, float[] sum, float step, float[] w);

    /** Whether bit p of a {@link #nonzeroColumns} mark is set. */
    static boolean marked(long[] columns, int p) {
        return (columns[p >>> 6] >>> p & 1) != 0;
    }

    /** Copies {@code row[0..n)} into each of the m rows of {@code c[m x n]}. Starts z at the bias. */
    void broadcastRows(int m, int n, float[] row, float[] c);

    /** out[j] += sum over rows i of a[i * n + j]. Bias gradients. */
    void sumRows(int m, int n, float[] a, float[] out);

    /** y[0..n) += alpha * x[0..n). The gradient step, with alpha = -eta. */
    void axpy(int n, float alpha, float[] x, float[] y);

    /**
     * Sum of x[i] * y[i] for i in [0, n): in index order for n up to {@link #IN_SEQUENCE}, in the block
     * order beyond (see the class comment).
     */
    float dot(int n, float[] x, float[] y);

    /** a[i] = f(z[i]) for i in [0, n). May run in place (a == z). */
    void activate(Activation f, int n, float[] z, float[] a);

    /**
     * delta[i] *= f'(z[i]), expressed through the activation's output a[i] = f(z[i]); results with
     * magnitude below {@link Numerics#FLUSH_BELOW} become 0, so that no subnormal float reaches the
     * next multiplication (Java has no flush-to-zero mode, and subnormals are ~100x slower).
     */
    void multiplyByDerivative(Activation f, int n, float[] a, float[] delta);

    /** {@code dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) * scale}: pixel bytes to activations. */
    void unsignedBytesToFloats(int n, byte[] src, int srcOffset, float scale, float[] dst, int dstOffset);
}
