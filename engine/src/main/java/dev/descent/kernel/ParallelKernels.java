package dev.descent.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Another {@link Kernels} spread over a fixed number of threads: the caller and {@code threads - 1}
 * workers. Only the matrix products are split, and only when one call has at least
 * {@code minMultiplyAdds} of work; everything else runs on the caller, as do small products, where
 * waking a thread would cost more than it saves (a 784-16 layer at batch 10 is ~10 us of work).
 *
 * <p>Each thread computes a fixed, contiguous block of output rows with the {@code Rows} kernels,
 * and every output element is computed in the same order whatever its block, so the results are
 * bit for bit those of the single-threaded kernels, for any thread count.
 *
 * <p>The caller hands out work through fields published by a volatile generation counter. Workers
 * spin briefly for the next call, then park; the training loop allocates nothing. Workers are daemon
 * threads; {@link #close} stops them.
 */
public final class ParallelKernels implements Kernels, AutoCloseable {
    /** Below this, a product runs on the caller: about 30 us of work at this machine's FMA rate. */
    public static final long DEFAULT_MIN_MULTIPLY_ADDS = 1L << 20;

    /** How long a worker polls for the next call before it parks, in spin iterations (~20 us). */
    private static final int SPINS = 1 << 12;

    private enum Op { GEMM, GEMM_TRANS_A, GEMM_TRANS_B, GEMM_TRANS_A_STEP, GEMM_SPARSE, GEMM_TRANS_A_STEP_SPARSE }

    private final Kernels serial;
    private final int threads;
    private final long minMultiplyAdds;
    private final Thread[] workers;

    // The call being run: written by the caller before it bumps the generation, read by workers after.
    private Op op;
    private int m, n, k, rows;
    private float[] a, b, c, sum, bias;
    private long[] columns;
    private float sumScale, step;

    private volatile int generation;
    private volatile boolean closed;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;

    public ParallelKernels(Kernels serial, int threads) {
        this(serial, threads, DEFAULT_MIN_MULTIPLY_ADDS);
    }

    /** {@code minMultiplyAdds} is the work below which a product stays on the caller; 0 splits all. */
    public ParallelKernels(Kernels serial, int threads, long minMultiplyAdds) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.serial = serial;
        this.threads = threads;
        this.minMultiplyAdds = minMultiplyAdds;
        this.workers = new Thread[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            int index = t + 1;
            workers[t] = Thread.ofPlatform().daemon().name("descent-kernels-" + index).unstarted(() -> work(index));
            workers[t].start();
        }
    }

    /**
     * The kernels to train a network of these layer sizes at this batch size on {@code threads}
     * threads: parallel ones when at least one of its products is big enough to be split, else
     * {@code serial} itself, so that a small network (784-16-16-10 at batch 10) runs exactly the
     * single-threaded code instead of paying a layer of calls for splits that never happen.
     */
    public static Kernels forNetwork(Kernels serial, int threads, int[] sizes, int batch) {
        long largest = 0;
        for (int l = 1; l < sizes.length; l++) largest = Math.max(largest, (long) batch * sizes[l - 1] * sizes[l]);
        return threads > 1 && largest >= DEFAULT_MIN_MULTIPLY_ADDS ? new ParallelKernels(serial, threads) : serial;
    }

    /** The kernels that do the arithmetic. */
    public Kernels serial() {
        return serial;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return serial.name();
    }

    @Override
    public int lanes() {
        return serial.lanes();
    }

    /** The peak of one thread: run it on each thread to measure them all. */
    @Override
    public float fmaChains(int rounds) {
        return serial.fmaChains(rounds);
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (!worthSplitting(m, n, k)) serial.gemm(m, n, k, a, b, c);
        else run(Op.GEMM, m, n, k, m, a, b, c, null, 0f, 0f);
    }

    @Override
    public void gemmTransA(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (!worthSplitting(m, n, k)) serial.gemmTransA(m, n, k, a, b, c);
        else run(Op.GEMM_TRANS_A, m, n, k, k, a, b, c, null, 0f, 0f);
    }

    @Override
    public void gemmTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (!worthSplitting(m, n, k)) serial.gemmTransB(m, n, k, a, b, c);
        else run(Op.GEMM_TRANS_B, m, n, k, m, a, b, c, null, 0f, 0f);
    }

    @Override
    public void gemmTransAStep(int m, int n, int k, float[] a, float[] b, float sumScale, float[] sum,
                               float step, float[] w) {
        if (!worthSplitting(m, n, k)) serial.gemmTransAStep(m, n, k, a, b, sumScale, sum, step, w);
        else run(Op.GEMM_TRANS_A_STEP, m, n, k, k, a, b, w, sum, sumScale, step);
    }

    @Override
    public void gemmSparse(int m, int n, int k, float[] bias, float[] a, long[] columns, float[] b, float[] c) {
        if (!worthSplitting(m, n, k)) {
            serial.gemmSparse(m, n, k, bias, a, columns, b, c);
        } else {
            this.bias = bias;
            this.columns = columns;
            run(Op.GEMM_SPARSE, m, n, k, m, a, b, c, null, 0f, 0f);
        }
    }

    @Override
    public void gemmTransAStepSparse(int m, int n, int k, float[] a, long[] columns, float[] b, float sumScale,
                                     float[] sum, float step, float[] w) {
        if (!worthSplitting(m, n, k)) {
            serial.gemmTransAStepSparse(m, n, k, a, columns, b, sumScale, sum, step, w);
        } else {
            this.columns = columns;
            run(Op.GEMM_TRANS_A_STEP_SPARSE, m, n, k, k, a, b, w, sum, sumScale, step);
        }
    }

    private boolean worthSplitting(int m, int n, int k) {
        return threads > 1 && !closed && (long) m * n * k >= minMultiplyAdds;
    }

    private void run(Op op, int m, int n, int k, int rows, float[] a, float[] b, float[] c, float[] sum,
                     float sumScale, float step) {
        this.op = op;
        this.m = m;
        this.n = n;
        this.k = k;
        this.rows = rows;
        this.a = a;
        this.b = b;
        this.c = c;
        this.sum = sum;
        this.sumScale = sumScale;
        this.step = step;
        pending.set(workers.length);
        generation++;                                        // publishes the fields above
        // A worker still spinning ignores the permit; a parked one wakes. Only calls big enough to be
        // worth splitting get here, so the unpark's cost does not matter.
        for (Thread worker : workers) LockSupport.unpark(worker);
        compute(0);
        for (int spins = 0; pending.get() > 0; spins++) {
            if (spins < SPINS) Thread.onSpinWait();
            else Thread.yield();
        }
        this.a = this.b = this.c = this.sum = this.bias = null;   // hold no caller arrays between calls
        this.columns = null;
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            throw new IllegalStateException("a kernel thread failed: " + thrown, thrown);
        }
    }

    /** Thread t's block of output rows: contiguous, in multiples of 8 rows but for the last. */
    private void compute(int t) {
        int blocks = (rows + 7) / 8;
        int from = Math.min(rows, blocks * t / threads * 8);
        int to = Math.min(rows, blocks * (t + 1) / threads * 8);
        if (from >= to) return;
        switch (op) {
            case GEMM -> serial.gemmRows(m, n, k, from, to, a, b, c);
            case GEMM_TRANS_A -> serial.gemmTransARows(m, n, k, from, to, a, b, c);
            case GEMM_TRANS_B -> serial.gemmTransBRows(m, n, k, from, to, a, b, c);
            case GEMM_TRANS_A_STEP -> serial.gemmTransAStepRows(m, n, k, from, to, a, b, sumScale, sum, step, c);
            case GEMM_SPARSE -> serial.gemmSparseRows(m, n, k, from, to, bias, a, columns, b, c);
            case GEMM_TRANS_A_STEP_SPARSE ->
                    serial.gemmTransAStepSparseRows(m, n, k, from, to, a, columns, b, sumScale, sum, step, c);
        }
    }

    private void work(int index) {
        int seen = 0;
        while (true) {
            // The caller unparks after publishing, so a park that starts late returns at once; park
            // may also return spuriously, which the loop absorbs.
            for (int spins = 0; generation == seen && !closed; spins++) {
                if (spins < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            if (closed) return;
            seen = generation;
            try {
                compute(index);
            } catch (Throwable e) {
                failure = e;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    /** Stops the worker threads; later calls run on the caller alone, with the same results. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) LockSupport.unpark(worker);
    }

    // Everything else is element-wise or small, and runs on the caller.

    @Override
    public void gemmRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        serial.gemmRows(m, n, k, from, to, a, b, c);
    }

    @Override
    public void gemmTransARows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        serial.gemmTransARows(m, n, k, from, to, a, b, c);
    }

    @Override
    public void gemmTransBRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        serial.gemmTransBRows(m, n, k, from, to, a, b, c);
    }

    @Override
    public void gemmTransAStepRows(int m, int n, int k, int from, int to, float[] a, float[] b, float sumScale,
                                   float[] sum, float step, float[] w) {
        serial.gemmTransAStepRows(m, n, k, from, to, a, b, sumScale, sum, step, w);
    }

    @Override
    public void nonzeroColumns(int m, int k, float[] a, long[] columns) {
        serial.nonzeroColumns(m, k, a, columns);
    }

    @Override
    public void gemmSparseRows(int m, int n, int k, int from, int to, float[] bias, float[] a, long[] columns,
                               float[] b, float[] c) {
        serial.gemmSparseRows(m, n, k, from, to, bias, a, columns, b, c);
    }

    @Override
    public void gemmTransAStepSparseRows(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                         float sumScale, float[] sum, float step, float[] w) {
        serial.gemmTransAStepSparseRows(m, n, k, from, to, a, columns, b, sumScale, sum, step, w);
    }

    @Override
    public void broadcastRows(int m, int n, float[] row, float[] c) {
        serial.broadcastRows(m, n, row, c);
    }

    @Override
    public void sumRows(int m, int n, float[] a, float[] out) {
        serial.sumRows(m, n, a, out);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        serial.axpy(n, alpha, x, y);
    }

    @Override
    public float dot(int n, float[] x, float[] y) {
        return serial.dot(n, x, y);
    }

    @Override
    public void activate(Activation f, int n, float[] z, float[] a) {
        serial.activate(f, n, z, a);
    }

    @Override
    public void multiplyByDerivative(Activation f, int n, float[] a, float[] delta) {
        serial.multiplyByDerivative(f, n, a, delta);
    }

    @Override
    public void unsignedBytesToFloats(int n, byte[] src, int srcOffset, float scale, float[] dst, int dstOffset) {
        serial.unsignedBytesToFloats(n, src, srcOffset, scale, dst, dstOffset);
    }
}
