package dev.descent.kernel.simd;

import static dev.descent.kernel.Numerics.C2;
import static dev.descent.kernel.Numerics.C3;
import static dev.descent.kernel.Numerics.C4;
import static dev.descent.kernel.Numerics.C5;
import static dev.descent.kernel.Numerics.C6;
import static dev.descent.kernel.Numerics.C7;
import static dev.descent.kernel.Numerics.EXP_MAX;
import static dev.descent.kernel.Numerics.EXP_MIN;
import static dev.descent.kernel.Numerics.FLUSH_BELOW;
import static dev.descent.kernel.Numerics.LN2_HI;
import static dev.descent.kernel.Numerics.LN2_LO;
import static dev.descent.kernel.Numerics.LOG2E;
import static dev.descent.kernel.Numerics.ROUNDER;
import static dev.descent.kernel.Numerics.SIGMOID_CLAMP;

import dev.descent.kernel.Activation;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.Numerics;
import dev.descent.kernel.ScalarKernels;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API, at 4, 8 or 16 float lanes (128, 256 or 512 bits), giving the bits
 * of {@link dev.descent.kernel.ScalarKernels} at every width: element-wise kernels repeat the scalar
 * operations lane by lane; {@code gemm}, {@code gemmTransA}, {@code gemmTransAStep} and {@code sumRows}
 * keep each output element's terms in the scalar order; {@code dot} and {@code gemmTransB} follow the
 * block order of {@link Kernels}, whose 16 chains are one, two or four vector accumulators.
 */
public final class VectorKernels implements Kernels {
    /** {@code -Ddescent.vector.bits=128|256|512} forces a width narrower than the CPU's preferred one. */
    public static final String BITS_PROPERTY = "descent.vector.bits";

    // Species must be static finals: the JIT only turns vector code into SIMD instructions when the
    // species is a constant, otherwise every operation allocates.
    private static final String WIDTH_PROBLEM = widthProblem(System.getProperty(BITS_PROPERTY));
    private static final VectorSpecies<Float> F = WIDTH_PROBLEM == null
            ? chosenSpecies(System.getProperty(BITS_PROPERTY)) : FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /** As many bytes as F has float lanes (128 bits for 512-bit floats); never below 64 bits. */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, F.length() * Byte.SIZE)));
    private static final int L = F.length();
    /** Columns per block of gemmSparse's runs: a byte of a nonzeroColumns mark. */
    private static final int RUN_BLOCK = 8;

    // reduceLanes(ADD) leaves the order of float additions open, and C2's order differs from the
    // interpreter's, so results would depend on when the JIT kicked in. sumLanes adds in a fixed
    // tree instead (the block order's): lanes i and i + L/2, then i and i + L/4, ... down to i + 1.
    // Each shuffle rotates by a power of two; those wider than the vector are never used.
    private static final VectorShuffle<Float> ROTATE_8 = VectorShuffle.iota(F, 8, 1, true);
    private static final VectorShuffle<Float> ROTATE_4 = VectorShuffle.iota(F, 4, 1, true);
    private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(F, 2, 1, true);
    private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(F, 1, 1, true);

    // One level of the tree for two outputs at once, folding vectors A and B into one at distance d
    // (L / 2 at level 1, L / 4 at level 2, L / 8 at level 3, L / 16 at level 4):
    //   A.blend(B.rearrange(BACK), HIGH) + A.rearrange(UP).blend(B, HIGH)
    // gives the lanes l without bit d A[l] + A[l + d] and those with it B[l - d] + B[l]: each output's
    // pairs, added in the tree's operand order, in the lanes its side kept. Folding the vectors of
    // outputs 0, 1, 2, ... pairwise, level by level, puts output R's sum in the lane whose index is R's
    // bits reversed: SLOT_R for the 8 outputs of transB2x4 (3 bits, times 16 / L), R's 4 bits reversed
    // for the 16 of transB4x4. sumLanes would spend log2(L) rotations and adds on each output.
    private static final VectorShuffle<Float> FOLD_UP_1 = rotation(L / 2), FOLD_BACK_1 = rotation(-(L / 2));
    private static final VectorShuffle<Float> FOLD_UP_2 = rotation(L / 4), FOLD_BACK_2 = rotation(-(L / 4));
    private static final VectorShuffle<Float> FOLD_UP_3 = rotation(L / 8), FOLD_BACK_3 = rotation(-(L / 8));
    private static final VectorMask<Float> FOLD_HIGH_1 = lanesWithBit(L / 2), FOLD_HIGH_2 = lanesWithBit(L / 4);
    private static final VectorMask<Float> FOLD_HIGH_3 = lanesWithBit(L / 8);
    // The fourth level, at 16 lanes only (transB4x4).
    private static final VectorShuffle<Float> FOLD_UP_4 = rotation(L / 16), FOLD_BACK_4 = rotation(-(L / 16));
    private static final VectorMask<Float> FOLD_HIGH_4 = lanesWithBit(L / 16);
    private static final int SLOT_0 = slot(0), SLOT_1 = slot(1), SLOT_2 = slot(2), SLOT_3 = slot(3);
    private static final int SLOT_4 = slot(4), SLOT_5 = slot(5), SLOT_6 = slot(6), SLOT_7 = slot(7);
    /** Floats of b per tile of gemmTransB (8192 / n rows, 32 KB), which stay in L1 while every row of a meets them. */
    private static final int TRANS_B_TILE = 8192;
    /** Rows p of b per panel of gemm's wide loop (see gemmRuns). */
    private static final int GEMM_PANEL = 128;

    /** @throws UnsupportedOperationException when the vectors do not hold 4, 8 or 16 floats. */
    public VectorKernels() {
        if (WIDTH_PROBLEM != null) throw new UnsupportedOperationException(WIDTH_PROBLEM);
        if (L != 4 && L != 8 && L != 16) {
            throw new UnsupportedOperationException("the preferred float vector has " + L
                    + " lanes; SIMD kernels need 4, 8 or 16");
        }
    }

    private static String widthProblem(String bits) {
        if (bits == null || bits.isBlank()) return null;
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return switch (bits.strip()) {
            case "128", "256", "512" -> Integer.parseInt(bits.strip()) > preferred
                    ? "-D" + BITS_PROPERTY + "=" + bits + " is wider than this CPU's " + preferred + "-bit vectors"
                    : null;
            default -> "unknown -D" + BITS_PROPERTY + "=" + bits + "; valid: 128, 256, 512";
        };
    }

    /** The forced width, else the preferred one up to 512 bits (the block order has 16 lanes). */
    private static VectorSpecies<Float> chosenSpecies(String bits) {
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
                    ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.strip()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            default -> FloatVector.SPECIES_512;
        };
    }

    /** Lane l takes lane l + d (mod L). */
    private static VectorShuffle<Float> rotation(int d) {
        return VectorShuffle.iota(F, Math.floorMod(d, L), 1, true);
    }

    /** The lanes whose index has bit d set (none for d = 0). */
    private static VectorMask<Float> lanesWithBit(int d) {
        long bits = 0;
        for (int l = 0; l < L; l++) if ((l & d) != 0) bits |= 1L << l;
        return VectorMask.fromLong(F, bits);
    }

    /** The lane of output R after the three folds of transB2x4: 3 bits of R reversed, at a stride of 16 / L. */
    private static int slot(int r) {
        int reversed = (r & 1) << 2 | (r & 2) | (r & 4) >> 2;
        return L == 16 ? 2 * reversed : reversed;
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public float fmaChains(int rounds) {
        // As ../shared/anchors/c/fma_peak.c: 12 chains started at different values, so that the JIT
        // cannot merge them, and 12 > 4 cycles of latency x 2 FMA pipes keeps both pipes busy.
        FloatVector m = FloatVector.broadcast(F, 0.9999999f), c = FloatVector.broadcast(F, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 1f), a1 = FloatVector.broadcast(F, 2f);
        FloatVector a2 = FloatVector.broadcast(F, 3f), a3 = FloatVector.broadcast(F, 4f);
        FloatVector a4 = FloatVector.broadcast(F, 5f), a5 = FloatVector.broadcast(F, 6f);
        FloatVector a6 = FloatVector.broadcast(F, 7f), a7 = FloatVector.broadcast(F, 8f);
        FloatVector a8 = FloatVector.broadcast(F, 9f), a9 = FloatVector.broadcast(F, 10f);
        FloatVector a10 = FloatVector.broadcast(F, 11f), a11 = FloatVector.broadcast(F, 12f);
        for (int i = 0; i < rounds; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11))).lane(0);
    }

    // ---------------------------------------------------------------------------------------------
    // gemm: c[m x n] += a[m x k] * b[k x n]
    //
    // Register blocking: a block of rows of c times one or two vectors of columns stays in registers
    // for the whole k loop. Per p, one load of b[p][j..] feeds one FMA per row of the block, with
    // a[i][p] broadcast. Each c element still sums p = 0..k-1 in order, so results equal the scalar.
    // ---------------------------------------------------------------------------------------------

    @Override
    public void gemmRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        gemmRuns(m, n, k, from, to, a, null, b, c);
    }

    /**
     * gemm over the runs of consecutive columns p of a marked in {@code columns} (all of them when null):
     * each run goes through the kernels below, which load the partial sums from c, add the run's terms
     * and store them, so every element still adds its terms in index order.
     */
    private static void gemmRuns(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                 float[] c) {
        // Wide layers: 8 rows x 2 vectors is 16 accumulators fed by 10 loads per p (4 x 2 had 8 fed by 6, too
        // few chains to keep both FMA pipes busy). p runs in panels of GEMM_PANEL: 8 rows of a over a panel are
        // 4 KB, which stay in L1 while they meet every column of the panel's rows of b. Each panel resumes from
        // the partial sums in c, so every element still adds its terms in index order.
        int wide = n / (2 * L) * (2 * L);
        if (wide > 0) {
            for (int p = nextMarked(columns, 0, k), end; p < k; p = nextMarked(columns, end, k)) {
                end = nextUnmarked(columns, p, k);
                for (int q = p, qEnd; q < end; q = qEnd) {
                    qEnd = Math.min(end, q + GEMM_PANEL);
                    int i = from;
                    for (; i + 8 <= to; i += 8) {
                        for (int j = 0; j < wide; j += 2 * L) gemm8x2(i, j, n, k, q, qEnd, a, b, c);
                    }
                    if (i + 4 <= to) {
                        for (int j = 0; j < wide; j += 2 * L) gemm4x2(i, j, n, k, q, qEnd, a, b, c);
                        i += 4;
                    }
                    for (; i + 2 <= to; i += 2) {
                        for (int j = 0; j < wide; j += 2 * L) gemm2x2(i, j, n, k, q, qEnd, a, b, c);
                    }
                    if (i < to) {
                        for (int j = 0; j < wide; j += 2 * L) {
                            gemm1(i, j, n, k, q, qEnd, a, b, c);
                            gemm1(i, j + L, n, k, q, qEnd, a, b, c);
                        }
                    }
                }
            }
        }
        int j = wide;
        // One vector of columns, the last one masked: n = 16 or 10 is all of a small layer.
        for (; j < n; j += L) {
            for (int p = nextMarked(columns, 0, k), end; p < k; p = nextMarked(columns, end, k)) {
                end = nextUnmarked(columns, p, k);
                int i = from;
                // Blocks of 10: a training batch of 10 in one pass over the weights, not two (gemm8 and
                // gemm2), and inference (Evaluator.BATCH) runs the same compiled kernel.
                for (; i + 10 <= to; i += 10) gemm10(i, j, n, k, p, end, a, b, c);
                for (; i + 8 <= to; i += 8) gemm8(i, j, n, k, p, end, a, b, c);
                for (; i + 2 <= to; i += 2) gemm2(i, j, n, k, p, end, a, b, c);
                if (i < to) gemm1(i, j, n, k, p, end, a, b, c);
            }
        }
    }

    /**
     * The start of the first block of {@value #RUN_BLOCK} columns at or after p (a block start) with a
     * marked column, k if none; p itself when columns is null. Runs are made of whole blocks: a short
     * gap of zero columns inside a run costs less to add (the zero terms change nothing that
     * gemmSparse's check does not repair) than to split the run, whose partial sums are stored and
     * loaded again; Fashion-MNIST's scattered zero pixels made runs of single columns.
     */
    private static int nextMarked(long[] columns, int p, int k) {
        if (columns == null) return p;
        while (p < k && !liveBlock(columns, p)) p += RUN_BLOCK;
        return Math.min(p, k);
    }

    /** The start of the first block after the live block at p without a marked column, k if none. */
    private static int nextUnmarked(long[] columns, int p, int k) {
        if (columns == null) return k;
        while (p < k && liveBlock(columns, p)) p += RUN_BLOCK;
        return Math.min(p, k);
    }

    /** Whether the block of columns starting at p (a multiple of RUN_BLOCK) has a marked one. */
    private static boolean liveBlock(long[] columns, int p) {
        return (columns[p >>> 6] >>> (p & 63) & 0xFF) != 0;
    }

    /** Rows i..i+7, columns j..j+2L: each load of b feeds 8 FMAs, each broadcast of a 2. */
    private static void gemm8x2(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n, c6 = c5 + n, c7 = c6 + n;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + L);
        FloatVector s20 = FloatVector.fromArray(F, c, c2), s21 = FloatVector.fromArray(F, c, c2 + L);
        FloatVector s30 = FloatVector.fromArray(F, c, c3), s31 = FloatVector.fromArray(F, c, c3 + L);
        FloatVector s40 = FloatVector.fromArray(F, c, c4), s41 = FloatVector.fromArray(F, c, c4 + L);
        FloatVector s50 = FloatVector.fromArray(F, c, c5), s51 = FloatVector.fromArray(F, c, c5 + L);
        FloatVector s60 = FloatVector.fromArray(F, c, c6), s61 = FloatVector.fromArray(F, c, c6 + L);
        FloatVector s70 = FloatVector.fromArray(F, c, c7), s71 = FloatVector.fromArray(F, c, c7 + L);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k, a6 = a5 + k, a7 = a6 + k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + L);
            FloatVector x0 = FloatVector.broadcast(F, a[a0 + p]);
            s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
            FloatVector x1 = FloatVector.broadcast(F, a[a1 + p]);
            s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
            FloatVector x2 = FloatVector.broadcast(F, a[a2 + p]);
            s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
            FloatVector x3 = FloatVector.broadcast(F, a[a3 + p]);
            s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
            FloatVector x4 = FloatVector.broadcast(F, a[a4 + p]);
            s40 = x4.fma(b0, s40); s41 = x4.fma(b1, s41);
            FloatVector x5 = FloatVector.broadcast(F, a[a5 + p]);
            s50 = x5.fma(b0, s50); s51 = x5.fma(b1, s51);
            FloatVector x6 = FloatVector.broadcast(F, a[a6 + p]);
            s60 = x6.fma(b0, s60); s61 = x6.fma(b1, s61);
            FloatVector x7 = FloatVector.broadcast(F, a[a7 + p]);
            s70 = x7.fma(b0, s70); s71 = x7.fma(b1, s71);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
        s40.intoArray(c, c4); s41.intoArray(c, c4 + L);
        s50.intoArray(c, c5); s51.intoArray(c, c5 + L);
        s60.intoArray(c, c6); s61.intoArray(c, c6 + L);
        s70.intoArray(c, c7); s71.intoArray(c, c7 + L);
    }

    /** Rows i, i+1, columns j..j+2L: four chains, where two gemm1 calls per row would run one at a time. */
    private static void gemm2x2(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        int c0 = i * n + j, c1 = c0 + n;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + L);
        int a0 = i * k, a1 = a0 + k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + L);
            FloatVector x0 = FloatVector.broadcast(F, a[a0 + p]);
            FloatVector x1 = FloatVector.broadcast(F, a[a1 + p]);
            s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
            s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
    }

    private static void gemm4x2(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + L);
        FloatVector s20 = FloatVector.fromArray(F, c, c2), s21 = FloatVector.fromArray(F, c, c2 + L);
        FloatVector s30 = FloatVector.fromArray(F, c, c3), s31 = FloatVector.fromArray(F, c, c3 + L);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + L);
            FloatVector x0 = FloatVector.broadcast(F, a[a0 + p]);
            FloatVector x1 = FloatVector.broadcast(F, a[a1 + p]);
            FloatVector x2 = FloatVector.broadcast(F, a[a2 + p]);
            FloatVector x3 = FloatVector.broadcast(F, a[a3 + p]);
            s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
            s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
            s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
            s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
    }

    /**
     * Rows i..i+9, columns j..min(j + L, n): one b load feeds 10 FMAs, 10 independent chains (two FMA pipes
     * of 4 cycles' latency need 8), 12 vector registers. A block of 16 rows was tried: 5-10% faster as a
     * kernel, but a network trained at batch 10 then evaluates with a kernel its training never runs, which
     * stays in the interpreter for the few calls of a small evaluation (1.7 MB allocated per W1 epoch
     * against 0.9 MB, 5 ms per epoch slower).
     */
    private static void gemm10(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = i * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        FloatVector s1 = FloatVector.fromArray(F, c, c0 + n, cols);
        FloatVector s2 = FloatVector.fromArray(F, c, c0 + 2 * n, cols);
        FloatVector s3 = FloatVector.fromArray(F, c, c0 + 3 * n, cols);
        FloatVector s4 = FloatVector.fromArray(F, c, c0 + 4 * n, cols);
        FloatVector s5 = FloatVector.fromArray(F, c, c0 + 5 * n, cols);
        FloatVector s6 = FloatVector.fromArray(F, c, c0 + 6 * n, cols);
        FloatVector s7 = FloatVector.fromArray(F, c, c0 + 7 * n, cols);
        FloatVector s8 = FloatVector.fromArray(F, c, c0 + 8 * n, cols);
        FloatVector s9 = FloatVector.fromArray(F, c, c0 + 9 * n, cols);
        int a0 = i * k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector bp = FloatVector.fromArray(F, b, p * n + j, cols);
            s0 = FloatVector.broadcast(F, a[a0 + p]).fma(bp, s0);
            s1 = FloatVector.broadcast(F, a[a0 + k + p]).fma(bp, s1);
            s2 = FloatVector.broadcast(F, a[a0 + 2 * k + p]).fma(bp, s2);
            s3 = FloatVector.broadcast(F, a[a0 + 3 * k + p]).fma(bp, s3);
            s4 = FloatVector.broadcast(F, a[a0 + 4 * k + p]).fma(bp, s4);
            s5 = FloatVector.broadcast(F, a[a0 + 5 * k + p]).fma(bp, s5);
            s6 = FloatVector.broadcast(F, a[a0 + 6 * k + p]).fma(bp, s6);
            s7 = FloatVector.broadcast(F, a[a0 + 7 * k + p]).fma(bp, s7);
            s8 = FloatVector.broadcast(F, a[a0 + 8 * k + p]).fma(bp, s8);
            s9 = FloatVector.broadcast(F, a[a0 + 9 * k + p]).fma(bp, s9);
        }
        s0.intoArray(c, c0, cols);
        s1.intoArray(c, c0 + n, cols);
        s2.intoArray(c, c0 + 2 * n, cols);
        s3.intoArray(c, c0 + 3 * n, cols);
        s4.intoArray(c, c0 + 4 * n, cols);
        s5.intoArray(c, c0 + 5 * n, cols);
        s6.intoArray(c, c0 + 6 * n, cols);
        s7.intoArray(c, c0 + 7 * n, cols);
        s8.intoArray(c, c0 + 8 * n, cols);
        s9.intoArray(c, c0 + 9 * n, cols);
    }

    /** Rows i..i+7, columns j..min(j + L, n): one b load feeds 8 FMAs. */
    private static void gemm8(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = i * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        FloatVector s1 = FloatVector.fromArray(F, c, c0 + n, cols);
        FloatVector s2 = FloatVector.fromArray(F, c, c0 + 2 * n, cols);
        FloatVector s3 = FloatVector.fromArray(F, c, c0 + 3 * n, cols);
        FloatVector s4 = FloatVector.fromArray(F, c, c0 + 4 * n, cols);
        FloatVector s5 = FloatVector.fromArray(F, c, c0 + 5 * n, cols);
        FloatVector s6 = FloatVector.fromArray(F, c, c0 + 6 * n, cols);
        FloatVector s7 = FloatVector.fromArray(F, c, c0 + 7 * n, cols);
        int a0 = i * k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector bp = FloatVector.fromArray(F, b, p * n + j, cols);
            s0 = FloatVector.broadcast(F, a[a0 + p]).fma(bp, s0);
            s1 = FloatVector.broadcast(F, a[a0 + k + p]).fma(bp, s1);
            s2 = FloatVector.broadcast(F, a[a0 + 2 * k + p]).fma(bp, s2);
            s3 = FloatVector.broadcast(F, a[a0 + 3 * k + p]).fma(bp, s3);
            s4 = FloatVector.broadcast(F, a[a0 + 4 * k + p]).fma(bp, s4);
            s5 = FloatVector.broadcast(F, a[a0 + 5 * k + p]).fma(bp, s5);
            s6 = FloatVector.broadcast(F, a[a0 + 6 * k + p]).fma(bp, s6);
            s7 = FloatVector.broadcast(F, a[a0 + 7 * k + p]).fma(bp, s7);
        }
        s0.intoArray(c, c0, cols);
        s1.intoArray(c, c0 + n, cols);
        s2.intoArray(c, c0 + 2 * n, cols);
        s3.intoArray(c, c0 + 3 * n, cols);
        s4.intoArray(c, c0 + 4 * n, cols);
        s5.intoArray(c, c0 + 5 * n, cols);
        s6.intoArray(c, c0 + 6 * n, cols);
        s7.intoArray(c, c0 + 7 * n, cols);
    }

    private static void gemm2(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = i * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        FloatVector s1 = FloatVector.fromArray(F, c, c0 + n, cols);
        int a0 = i * k;
        for (int p = pFrom; p < pTo; p++) {
            FloatVector bp = FloatVector.fromArray(F, b, p * n + j, cols);
            s0 = FloatVector.broadcast(F, a[a0 + p]).fma(bp, s0);
            s1 = FloatVector.broadcast(F, a[a0 + k + p]).fma(bp, s1);
        }
        s0.intoArray(c, c0, cols);
        s1.intoArray(c, c0 + n, cols);
    }

    private static void gemm1(int i, int j, int n, int k, int pFrom, int pTo, float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = i * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        int a0 = i * k;
        for (int p = pFrom; p < pTo; p++) {
            s0 = FloatVector.broadcast(F, a[a0 + p]).fma(FloatVector.fromArray(F, b, p * n + j, cols), s0);
        }
        s0.intoArray(c, c0, cols);
    }

    // ---------------------------------------------------------------------------------------------
    // gemmSparse: the first layer, skipping zero inputs.
    //
    // The dense product adds the zero terms that the contract skips. A term 0 * w adds +0 or -0 (w
    // finite) or makes the sum NaN (w infinite or NaN), and adding a zero changes no float but the sign
    // of a zero; a later nonzero term gives the same result from +0 as from -0. So the dense result is
    // the contract's wherever it is neither a zero nor NaN, and the few elements that are are summed
    // again, skipping (ScalarKernels.sparseSum). Lists of nonzero inputs, tried first, lost to this at
    // every density: an index, a value and a gathered weight row per term cost more loads than the
    // 81% of MNIST's terms they saved (W1 at 512 bits: 5.5-6.0 ms against 3.6 ms per 10,000 images).
    // ---------------------------------------------------------------------------------------------

    @Override
    public void nonzeroColumns(int m, int k, float[] a, long[] columns) {
        for (int p = 0; p < k; p += 64) columns[p >>> 6] = 0L;
        for (int p = 0; p < k; p += L) {
            columns[p >>> 6] |= nonzeroLanes(m, k, p, a) << (p & 63);
        }
    }

    /**
     * Bit l set when column p + l of a is nonzero in some row: the rows' bits are ORed and the sign bit
     * dropped at the end, so -0 counts as zero and NaN as nonzero, with one compare per block instead of
     * one per row (a compare per row cost 0.5 ms per 10,000 images, 12% of W1's first layer).
     */
    private static long nonzeroLanes(int m, int k, int p, float[] a) {
        IntVector bits = IntVector.zero(I);
        if (p + L <= k) {
            for (int i = 0; i < m; i++) bits = bits.or(FloatVector.fromArray(F, a, i * k + p).reinterpretAsInts());
        } else {
            VectorMask<Float> in = F.indexInRange(p, k);   // masked-off lanes load 0: not marked
            for (int i = 0; i < m; i++) bits = bits.or(FloatVector.fromArray(F, a, i * k + p, in).reinterpretAsInts());
        }
        return bits.and(Integer.MAX_VALUE).compare(VectorOperators.NE, 0).toLong();
    }

    @Override
    public void gemmSparseRows(int m, int n, int k, int from, int to, float[] bias, float[] a, long[] columns,
                               float[] b, float[] c) {
        for (int i = from; i < to; i++) System.arraycopy(bias, 0, c, i * n, n);
        gemmRuns(m, n, k, from, to, a, columns, b, c);   // the columns zero in every row: no term to add
        for (int i = from; i < to; i++) {
            for (int j = 0; j < n; j += L) {
                FloatVector v = FloatVector.fromArray(F, c, i * n + j, F.indexInRange(j, n));
                // |v| > 0 is false exactly for +0, -0 and NaN: one compare finds both kinds of suspect.
                long suspect = ~v.abs().compare(VectorOperators.GT, 0f).toLong();
                suspect &= (1L << Math.min(L, n - j)) - 1;        // lanes past n loaded 0
                for (; suspect != 0; suspect &= suspect - 1) {
                    int at = j + Long.numberOfTrailingZeros(suspect);
                    c[i * n + at] = ScalarKernels.sparseSum(i, at, n, k, bias, a, b);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // gemmTransA: c[k x n] += transpose(a[m x k]) * b[m x n]
    //
    // Four rows p..p+3 of c stay in registers while i runs over the batch: one load of b[i][j..]
    // feeds four FMAs, and a[i][p..p+3] are adjacent. Each c element sums i = 0..m-1 in order, as the
    // scalar loop does, so the bits agree.
    // ---------------------------------------------------------------------------------------------

    @Override
    public void gemmTransARows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        int j = 0;
        // Wide layers: two vectors of columns per pass halve the broadcasts of a per FMA, and 8 rows of c
        // give 16 chains (4 rows gave 8: too few to keep both FMA pipes busy).
        for (; j + 2 * L <= n; j += 2 * L) {
            int p = from;
            for (; p + 8 <= to; p += 8) transA8x2(p, j, m, n, k, a, b, c);
            for (; p + 4 <= to; p += 4) transA4x2(p, j, m, n, k, a, b, c);
            for (; p < to; p++) {
                transA1(p, j, m, n, k, a, b, c);
                transA1(p, j + L, m, n, k, a, b, c);
            }
        }
        for (; j < n; j += L) {
            int p = from;
            for (; p + 4 <= to; p += 4) transA4(p, j, m, n, k, a, b, c);
            for (; p < to; p++) transA1(p, j, m, n, k, a, b, c);
        }
    }

    /** Rows p..p+7 of c, columns j..j+2L: each load of b feeds 8 FMAs, each broadcast of a 2. */
    private static void transA8x2(int p, int j, int m, int n, int k, float[] a, float[] b, float[] c) {
        int c0 = p * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n, c6 = c5 + n, c7 = c6 + n;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + L);
        FloatVector s20 = FloatVector.fromArray(F, c, c2), s21 = FloatVector.fromArray(F, c, c2 + L);
        FloatVector s30 = FloatVector.fromArray(F, c, c3), s31 = FloatVector.fromArray(F, c, c3 + L);
        FloatVector s40 = FloatVector.fromArray(F, c, c4), s41 = FloatVector.fromArray(F, c, c4 + L);
        FloatVector s50 = FloatVector.fromArray(F, c, c5), s51 = FloatVector.fromArray(F, c, c5 + L);
        FloatVector s60 = FloatVector.fromArray(F, c, c6), s61 = FloatVector.fromArray(F, c, c6 + L);
        FloatVector s70 = FloatVector.fromArray(F, c, c7), s71 = FloatVector.fromArray(F, c, c7 + L);
        for (int i = 0; i < m; i++) {
            FloatVector b0 = FloatVector.fromArray(F, b, i * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, i * n + j + L);
            int ai = i * k + p;
            FloatVector x0 = FloatVector.broadcast(F, a[ai]);
            s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
            FloatVector x1 = FloatVector.broadcast(F, a[ai + 1]);
            s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
            FloatVector x2 = FloatVector.broadcast(F, a[ai + 2]);
            s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
            FloatVector x3 = FloatVector.broadcast(F, a[ai + 3]);
            s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
            FloatVector x4 = FloatVector.broadcast(F, a[ai + 4]);
            s40 = x4.fma(b0, s40); s41 = x4.fma(b1, s41);
            FloatVector x5 = FloatVector.broadcast(F, a[ai + 5]);
            s50 = x5.fma(b0, s50); s51 = x5.fma(b1, s51);
            FloatVector x6 = FloatVector.broadcast(F, a[ai + 6]);
            s60 = x6.fma(b0, s60); s61 = x6.fma(b1, s61);
            FloatVector x7 = FloatVector.broadcast(F, a[ai + 7]);
            s70 = x7.fma(b0, s70); s71 = x7.fma(b1, s71);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
        s40.intoArray(c, c4); s41.intoArray(c, c4 + L);
        s50.intoArray(c, c5); s51.intoArray(c, c5 + L);
        s60.intoArray(c, c6); s61.intoArray(c, c6 + L);
        s70.intoArray(c, c7); s71.intoArray(c, c7 + L);
    }

    private static void transA4x2(int p, int j, int m, int n, int k, float[] a, float[] b, float[] c) {
        int c0 = p * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + L);
        FloatVector s20 = FloatVector.fromArray(F, c, c2), s21 = FloatVector.fromArray(F, c, c2 + L);
        FloatVector s30 = FloatVector.fromArray(F, c, c3), s31 = FloatVector.fromArray(F, c, c3 + L);
        for (int i = 0; i < m; i++) {
            FloatVector b0 = FloatVector.fromArray(F, b, i * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, i * n + j + L);
            int ai = i * k + p;
            FloatVector x0 = FloatVector.broadcast(F, a[ai]);
            FloatVector x1 = FloatVector.broadcast(F, a[ai + 1]);
            FloatVector x2 = FloatVector.broadcast(F, a[ai + 2]);
            FloatVector x3 = FloatVector.broadcast(F, a[ai + 3]);
            s00 = x0.fma(b0, s00); s01 = x0.fma(b1, s01);
            s10 = x1.fma(b0, s10); s11 = x1.fma(b1, s11);
            s20 = x2.fma(b0, s20); s21 = x2.fma(b1, s21);
            s30 = x3.fma(b0, s30); s31 = x3.fma(b1, s31);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
    }

    private static void transA4(int p, int j, int m, int n, int k,
                                float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = p * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        FloatVector s1 = FloatVector.fromArray(F, c, c0 + n, cols);
        FloatVector s2 = FloatVector.fromArray(F, c, c0 + 2 * n, cols);
        FloatVector s3 = FloatVector.fromArray(F, c, c0 + 3 * n, cols);
        for (int i = 0; i < m; i++) {
            FloatVector bi = FloatVector.fromArray(F, b, i * n + j, cols);
            int ai = i * k + p;
            s0 = FloatVector.broadcast(F, a[ai]).fma(bi, s0);
            s1 = FloatVector.broadcast(F, a[ai + 1]).fma(bi, s1);
            s2 = FloatVector.broadcast(F, a[ai + 2]).fma(bi, s2);
            s3 = FloatVector.broadcast(F, a[ai + 3]).fma(bi, s3);
        }
        s0.intoArray(c, c0, cols);
        s1.intoArray(c, c0 + n, cols);
        s2.intoArray(c, c0 + 2 * n, cols);
        s3.intoArray(c, c0 + 3 * n, cols);
    }

    private static void transA1(int p, int j, int m, int n, int k,
                                float[] a, float[] b, float[] c) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        int c0 = p * n + j;
        FloatVector s0 = FloatVector.fromArray(F, c, c0, cols);
        for (int i = 0; i < m; i++) {
            s0 = FloatVector.broadcast(F, a[i * k + p]).fma(FloatVector.fromArray(F, b, i * n + j, cols), s0);
        }
        s0.intoArray(c, c0, cols);
    }

    // ---------------------------------------------------------------------------------------------
    // gemmTransAStep: the weight gradient g = transpose(a) * b of gemmTransA, spent at once on
    // sum += sumScale * g and w += step * g.
    //
    // The gradient of a row block lives only in registers: where the unfused path zeroes g, writes it,
    // and reads it back twice (four passes over a matrix that does not fit in L1 for 784 inputs), this
    // makes one. Each g element sums i = 0..m-1 in order from zero, and each update is one FMA, as in
    // the unfused path, so the bits agree with it and with the scalar kernel.
    // ---------------------------------------------------------------------------------------------

    @Override
    public void gemmTransAStepRows(int m, int n, int k, int from, int to, float[] a, float[] b, float sumScale,
                                   float[] sum, float step, float[] w) {
        stepRows(m, n, k, from, to, a, null, b, sumScale, sum, step, w);
    }

    @Override
    public void gemmTransAStepSparseRows(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                         float sumScale, float[] sum, float step, float[] w) {
        stepRows(m, n, k, from, to, a, columns, b, sumScale, sum, step, w);
    }

    /**
     * Weight rows [from, to), only those marked in {@code columns} (all when null). A block of rows with
     * none marked is skipped whole (the border of a digit is zero in every image); in a block with some
     * marked, the kernels compute every row (the arithmetic of a row does not depend on the others) and
     * store only the marked ones.
     */
    private static void stepRows(int m, int n, int k, int from, int to, float[] a, long[] columns, float[] b,
                                 float sumScale, float[] sum, float step, float[] w) {
        // Wide layers: 8 rows x 2 vectors, 16 gradient chains fed by 10 loads per row i of the batch. A block of
        // rows crosses all the columns before the next: the weights and sums, read and written once per step
        // (1.6 MB each for 784 x 512, beyond L2), stream along their rows, and the block's inputs stay in L1.
        int wide = n / (2 * L) * (2 * L);
        if (wide > 0) {
            int p = from;
            for (; p + 8 <= to; p += 8) {
                int live = liveRows(columns, p, 8);
                if (live == 0) continue;
                for (int j = 0; j < wide; j += 2 * L) stepA8x2(p, j, m, n, k, a, b, sumScale, sum, step, w, live);
            }
            for (; p + 4 <= to; p += 4) {
                int live = liveRows(columns, p, 4);
                if (live == 0) continue;
                for (int j = 0; j < wide; j += 2 * L) stepA4x2(p, j, m, n, k, a, b, sumScale, sum, step, w, live);
            }
            for (; p < to; p++) {
                if (liveRows(columns, p, 1) == 0) continue;
                for (int j = 0; j < wide; j += 2 * L) {
                    stepA1(p, j, m, n, k, a, b, sumScale, sum, step, w);
                    stepA1(p, j + L, m, n, k, a, b, sumScale, sum, step, w);
                }
            }
        }
        int j = wide;
        for (; j < n; j += L) {
            int p = from;
            for (; p + 8 <= to; p += 8) {
                int live = liveRows(columns, p, 8);
                if (live != 0) stepA8(p, j, m, n, k, a, b, sumScale, sum, step, w, live);
            }
            for (; p + 4 <= to; p += 4) {
                int live = liveRows(columns, p, 4);
                if (live != 0) stepA4(p, j, m, n, k, a, b, sumScale, sum, step, w, live);
            }
            for (; p < to; p++) {
                if (liveRows(columns, p, 1) != 0) stepA1(p, j, m, n, k, a, b, sumScale, sum, step, w);
            }
        }
    }

    /** Bit r set for each row p + r (r below count, at most 8) marked in columns; all set when it is null. */
    private static int liveRows(long[] columns, int p, int count) {
        int all = (1 << count) - 1;
        if (columns == null) return all;
        int shift = p & 63;
        long bits = columns[p >>> 6] >>> shift;
        if (shift + count > 64) bits |= columns[(p >>> 6) + 1] << (64 - shift);
        return (int) bits & all;
    }

    /** Weight rows p..p+7, columns j..j+2L; the rows marked in {@code live} are stored. */
    private static void stepA8x2(int p, int j, int m, int n, int k, float[] a, float[] b, float sumScale,
                                 float[] sum, float step, float[] w, int live) {
        FloatVector g00 = FloatVector.zero(F), g01 = g00, g10 = g00, g11 = g00, g20 = g00, g21 = g00;
        FloatVector g30 = g00, g31 = g00, g40 = g00, g41 = g00, g50 = g00, g51 = g00;
        FloatVector g60 = g00, g61 = g00, g70 = g00, g71 = g00;
        for (int i = 0; i < m; i++) {
            FloatVector b0 = FloatVector.fromArray(F, b, i * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, i * n + j + L);
            int ai = i * k + p;
            FloatVector x0 = FloatVector.broadcast(F, a[ai]);
            g00 = x0.fma(b0, g00); g01 = x0.fma(b1, g01);
            FloatVector x1 = FloatVector.broadcast(F, a[ai + 1]);
            g10 = x1.fma(b0, g10); g11 = x1.fma(b1, g11);
            FloatVector x2 = FloatVector.broadcast(F, a[ai + 2]);
            g20 = x2.fma(b0, g20); g21 = x2.fma(b1, g21);
            FloatVector x3 = FloatVector.broadcast(F, a[ai + 3]);
            g30 = x3.fma(b0, g30); g31 = x3.fma(b1, g31);
            FloatVector x4 = FloatVector.broadcast(F, a[ai + 4]);
            g40 = x4.fma(b0, g40); g41 = x4.fma(b1, g41);
            FloatVector x5 = FloatVector.broadcast(F, a[ai + 5]);
            g50 = x5.fma(b0, g50); g51 = x5.fma(b1, g51);
            FloatVector x6 = FloatVector.broadcast(F, a[ai + 6]);
            g60 = x6.fma(b0, g60); g61 = x6.fma(b1, g61);
            FloatVector x7 = FloatVector.broadcast(F, a[ai + 7]);
            g70 = x7.fma(b0, g70); g71 = x7.fma(b1, g71);
        }
        // Written out, as in stepA4x2: a vector passed to a method C2 does not inline is boxed.
        FloatVector s = FloatVector.broadcast(F, sumScale), t = FloatVector.broadcast(F, step);
        int r = p * n + j;
        if ((live & 1) != 0) {
            s.fma(g00, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g00, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g01, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g01, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 2) != 0) {
            s.fma(g10, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g10, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g11, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g11, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 4) != 0) {
            s.fma(g20, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g20, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g21, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g21, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 8) != 0) {
            s.fma(g30, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g30, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g31, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g31, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 16) != 0) {
            s.fma(g40, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g40, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g41, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g41, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 32) != 0) {
            s.fma(g50, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g50, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g51, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g51, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 64) != 0) {
            s.fma(g60, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g60, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g61, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g61, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 128) != 0) {
            s.fma(g70, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g70, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g71, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g71, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
    }

    private static void stepA4x2(int p, int j, int m, int n, int k, float[] a, float[] b, float sumScale,
                                 float[] sum, float step, float[] w, int live) {
        FloatVector g00 = FloatVector.zero(F), g01 = g00, g10 = g00, g11 = g00;
        FloatVector g20 = g00, g21 = g00, g30 = g00, g31 = g00;
        for (int i = 0; i < m; i++) {
            FloatVector b0 = FloatVector.fromArray(F, b, i * n + j);
            FloatVector b1 = FloatVector.fromArray(F, b, i * n + j + L);
            int ai = i * k + p;
            FloatVector x0 = FloatVector.broadcast(F, a[ai]);
            FloatVector x1 = FloatVector.broadcast(F, a[ai + 1]);
            FloatVector x2 = FloatVector.broadcast(F, a[ai + 2]);
            FloatVector x3 = FloatVector.broadcast(F, a[ai + 3]);
            g00 = x0.fma(b0, g00); g01 = x0.fma(b1, g01);
            g10 = x1.fma(b0, g10); g11 = x1.fma(b1, g11);
            g20 = x2.fma(b0, g20); g21 = x2.fma(b1, g21);
            g30 = x3.fma(b0, g30); g31 = x3.fma(b1, g31);
        }
        // Written out rather than called: a vector passed to a method C2 does not inline is boxed, and
        // a helper here allocated 80 bytes per call (JMH -prof gc showed 3.4 MB per W3 step).
        FloatVector s = FloatVector.broadcast(F, sumScale), t = FloatVector.broadcast(F, step);
        int r = p * n + j;
        // Only the rows marked live are stored: see stepRows.
        if ((live & 1) != 0) {
            s.fma(g00, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g00, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g01, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g01, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 2) != 0) {
            s.fma(g10, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g10, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g11, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g11, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 4) != 0) {
            s.fma(g20, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g20, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g21, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g21, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
        r += n;
        if ((live & 8) != 0) {
            s.fma(g30, FloatVector.fromArray(F, sum, r)).intoArray(sum, r);
            t.fma(g30, FloatVector.fromArray(F, w, r)).intoArray(w, r);
            s.fma(g31, FloatVector.fromArray(F, sum, r + L)).intoArray(sum, r + L);
            t.fma(g31, FloatVector.fromArray(F, w, r + L)).intoArray(w, r + L);
        }
    }

    /**
     * Eight rows of one vector of columns: with a batch of 10 each gradient is a chain of 10
     * dependent FMAs, and eight chains in flight keep the FMA unit busy where four would wait.
     */
    private static void stepA8(int p, int j, int m, int n, int k, float[] a, float[] b, float sumScale,
                               float[] sum, float step, float[] w, int live) {
        // Made here, not passed in: see stepA4.
        VectorMask<Float> cols = F.indexInRange(j, n);
        FloatVector g0 = FloatVector.zero(F), g1 = g0, g2 = g0, g3 = g0, g4 = g0, g5 = g0, g6 = g0, g7 = g0;
        for (int i = 0; i < m; i++) {
            FloatVector bi = FloatVector.fromArray(F, b, i * n + j, cols);
            int ai = i * k + p;
            g0 = FloatVector.broadcast(F, a[ai]).fma(bi, g0);
            g1 = FloatVector.broadcast(F, a[ai + 1]).fma(bi, g1);
            g2 = FloatVector.broadcast(F, a[ai + 2]).fma(bi, g2);
            g3 = FloatVector.broadcast(F, a[ai + 3]).fma(bi, g3);
            g4 = FloatVector.broadcast(F, a[ai + 4]).fma(bi, g4);
            g5 = FloatVector.broadcast(F, a[ai + 5]).fma(bi, g5);
            g6 = FloatVector.broadcast(F, a[ai + 6]).fma(bi, g6);
            g7 = FloatVector.broadcast(F, a[ai + 7]).fma(bi, g7);
        }
        FloatVector s = FloatVector.broadcast(F, sumScale), t = FloatVector.broadcast(F, step);
        int r = p * n + j;
        // Only the rows marked live are stored: see stepRows.
        if ((live & 1) != 0) {
            s.fma(g0, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g0, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 2) != 0) {
            s.fma(g1, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g1, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 4) != 0) {
            s.fma(g2, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g2, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 8) != 0) {
            s.fma(g3, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g3, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 16) != 0) {
            s.fma(g4, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g4, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 32) != 0) {
            s.fma(g5, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g5, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 64) != 0) {
            s.fma(g6, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g6, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 128) != 0) {
            s.fma(g7, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g7, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
    }

    private static void stepA4(int p, int j, int m, int n, int k, float[] a, float[] b, float sumScale,
                               float[] sum, float step, float[] w, int live) {
        // Made here, not passed in: a mask parameter of a method C2 does not inline has no exact
        // type, and every masked operation on it would fall back to slow boxed code.
        VectorMask<Float> cols = F.indexInRange(j, n);
        FloatVector g0 = FloatVector.zero(F), g1 = g0, g2 = g0, g3 = g0;
        for (int i = 0; i < m; i++) {
            FloatVector bi = FloatVector.fromArray(F, b, i * n + j, cols);
            int ai = i * k + p;
            g0 = FloatVector.broadcast(F, a[ai]).fma(bi, g0);
            g1 = FloatVector.broadcast(F, a[ai + 1]).fma(bi, g1);
            g2 = FloatVector.broadcast(F, a[ai + 2]).fma(bi, g2);
            g3 = FloatVector.broadcast(F, a[ai + 3]).fma(bi, g3);
        }
        FloatVector s = FloatVector.broadcast(F, sumScale), t = FloatVector.broadcast(F, step);
        int r = p * n + j;
        // Only the rows marked live are stored: see stepRows.
        if ((live & 1) != 0) {
            s.fma(g0, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g0, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 2) != 0) {
            s.fma(g1, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g1, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 4) != 0) {
            s.fma(g2, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g2, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
        r += n;
        if ((live & 8) != 0) {
            s.fma(g3, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
            t.fma(g3, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
        }
    }

    private static void stepA1(int p, int j, int m, int n, int k, float[] a, float[] b, float sumScale,
                               float[] sum, float step, float[] w) {
        // Made here, not passed in: see stepA4.
        VectorMask<Float> cols = F.indexInRange(j, n);
        FloatVector g = FloatVector.zero(F);
        for (int i = 0; i < m; i++) {
            g = FloatVector.broadcast(F, a[i * k + p]).fma(FloatVector.fromArray(F, b, i * n + j, cols), g);
        }
        int r = p * n + j;
        FloatVector.broadcast(F, sumScale).fma(g, FloatVector.fromArray(F, sum, r, cols)).intoArray(sum, r, cols);
        FloatVector.broadcast(F, step).fma(g, FloatVector.fromArray(F, w, r, cols)).intoArray(w, r, cols);
    }

    // ---------------------------------------------------------------------------------------------
    // gemmTransB: c[m x k] += a[m x n] * transpose(b[k x n]), i.e. c[i][p] += dot(a row i, b row p).
    //
    // Over more than 32 columns each dot product follows the block order: per block of 16 columns,
    // its 16 chains take 16 / L FMAs into 16 / L accumulators (sR0 holds lanes [0, L) of the block,
    // sR1 lanes [L, 2L), ...), and the lanes are reduced once, in the block order's tree, at the end:
    // for a block of 8 or 16 outputs at once (see FOLD_HIGH_1). Up to 32 columns the terms are added in
    // index order (transBNarrow below).
    // ---------------------------------------------------------------------------------------------

    @Override
    public void gemmTransBRows(int m, int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        if (n <= IN_SEQUENCE) {
            transBNarrow(n, k, from, to, a, b, c);
            return;
        }
        // Rows of b in tiles that stay in L1 while every row of a meets them: the 512x512 weights are 1 MB,
        // and streaming them from L2 for each row of a left the FMA pipes waiting on loads.
        int quads = k / 4 * 4;
        int tile = Math.max(4, TRANS_B_TILE / n / 4 * 4);
        for (int p0 = 0; p0 < quads; p0 += tile) {
            int p1 = Math.min(quads, p0 + tile);
            int i = from;
            // Blocks of 16 chains: 4 x 4 outputs at 16 lanes, 2 x 4 at 8 (two chains each), transB4's 1 x 4 at 4
            // (four each); rows left over take the smaller blocks.
            if (L == 16) {
                for (; i + 4 <= to; i += 4) {
                    for (int p = p0; p < p1; p += 4) transB4x4(i, p, n, k, a, b, c);
                }
            }
            if (L >= 8) {
                for (; i + 2 <= to; i += 2) {
                    for (int p = p0; p < p1; p += 4) transB2x4(i, p, n, k, a, b, c);
                }
            }
            for (; i < to; i++) {
                for (int p = p0; p < p1; p += 4) transB4(i, p, n, k, a, b, c);
            }
        }
        for (int i = from; i < to; i++) {
            for (int p = quads; p < k; p++) c[i * k + p] += blockDot(n, a, i * n, b, p * n);
        }
    }

    // Narrow layers (an output layer of 10, a hidden layer of 16): a dot product of n <= 32 terms is
    // one or two FMAs, and summing the lanes would cost several times that. Instead a vector holds L
    // consecutive outputs c[i][p..p+L), and column j of b over rows p..p+L is gathered once per block
    // of 8, 2 or 1 rows (gathers are slow: a batch of 10 takes two blocks, not four):
    // c[i][p..] += sum over j of a[i][j] * b[p..][j], each element summing j in index order from zero,
    // as the contract says for sums of up to 32 terms.

    /** {@code STRIDE[n][lane] = lane * n}: the gather pattern of one column of a row-major k x n matrix. */
    private static final int[][] STRIDE = new int[IN_SEQUENCE + 1][];

    static {
        for (int n = 0; n <= IN_SEQUENCE; n++) {
            STRIDE[n] = new int[L];
            for (int lane = 0; lane < L; lane++) STRIDE[n][lane] = lane * n;
        }
    }

    private static void transBNarrow(int n, int k, int from, int to, float[] a, float[] b, float[] c) {
        int[] stride = STRIDE[n];
        int p = 0;
        for (; p + L <= k; p += L) {
            int i = from;
            for (; i + 8 <= to; i += 8) transBNarrow8(i, p, n, k, stride, a, b, c);
            for (; i + 2 <= to; i += 2) transBNarrow2(i, p, n, k, stride, a, b, c);
            if (i < to) transBNarrow1(i, p, n, k, stride, a, b, c);
        }
        // Scalar tail: a gather checks every lane's index against the array, masked or not, so the
        // last rows of b, fewer than L, are summed one by one, in the same order.
        for (int i = from; i < to; i++) {
            for (int q = p; q < k; q++) {
                float sum = 0f;
                for (int j = 0; j < n; j++) sum = Math.fma(a[i * n + j], b[q * n + j], sum);
                c[i * k + q] += sum;
            }
        }
    }

    private static void transBNarrow8(int i, int p, int n, int k, int[] stride, float[] a, float[] b, float[] c) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        int a0 = i * n;
        for (int j = 0; j < n; j++) {
            FloatVector column = FloatVector.fromArray(F, b, p * n + j, stride, 0);
            s0 = FloatVector.broadcast(F, a[a0 + j]).fma(column, s0);
            s1 = FloatVector.broadcast(F, a[a0 + n + j]).fma(column, s1);
            s2 = FloatVector.broadcast(F, a[a0 + 2 * n + j]).fma(column, s2);
            s3 = FloatVector.broadcast(F, a[a0 + 3 * n + j]).fma(column, s3);
            s4 = FloatVector.broadcast(F, a[a0 + 4 * n + j]).fma(column, s4);
            s5 = FloatVector.broadcast(F, a[a0 + 5 * n + j]).fma(column, s5);
            s6 = FloatVector.broadcast(F, a[a0 + 6 * n + j]).fma(column, s6);
            s7 = FloatVector.broadcast(F, a[a0 + 7 * n + j]).fma(column, s7);
        }
        int c0 = i * k + p;
        FloatVector.fromArray(F, c, c0).add(s0).intoArray(c, c0);
        FloatVector.fromArray(F, c, c0 + k).add(s1).intoArray(c, c0 + k);
        FloatVector.fromArray(F, c, c0 + 2 * k).add(s2).intoArray(c, c0 + 2 * k);
        FloatVector.fromArray(F, c, c0 + 3 * k).add(s3).intoArray(c, c0 + 3 * k);
        FloatVector.fromArray(F, c, c0 + 4 * k).add(s4).intoArray(c, c0 + 4 * k);
        FloatVector.fromArray(F, c, c0 + 5 * k).add(s5).intoArray(c, c0 + 5 * k);
        FloatVector.fromArray(F, c, c0 + 6 * k).add(s6).intoArray(c, c0 + 6 * k);
        FloatVector.fromArray(F, c, c0 + 7 * k).add(s7).intoArray(c, c0 + 7 * k);
    }

    private static void transBNarrow2(int i, int p, int n, int k, int[] stride, float[] a, float[] b, float[] c) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0;
        int a0 = i * n;
        for (int j = 0; j < n; j++) {
            FloatVector column = FloatVector.fromArray(F, b, p * n + j, stride, 0);
            s0 = FloatVector.broadcast(F, a[a0 + j]).fma(column, s0);
            s1 = FloatVector.broadcast(F, a[a0 + n + j]).fma(column, s1);
        }
        int c0 = i * k + p;
        FloatVector.fromArray(F, c, c0).add(s0).intoArray(c, c0);
        FloatVector.fromArray(F, c, c0 + k).add(s1).intoArray(c, c0 + k);
    }

    private static void transBNarrow1(int i, int p, int n, int k, int[] stride, float[] a, float[] b, float[] c) {
        FloatVector s = FloatVector.zero(F);
        for (int j = 0; j < n; j++) {
            s = FloatVector.broadcast(F, a[i * n + j]).fma(FloatVector.fromArray(F, b, p * n + j, stride, 0), s);
        }
        int c0 = i * k + p;
        FloatVector.fromArray(F, c, c0).add(s).intoArray(c, c0);
    }

    /** c[i][p..p+3] += the block-order dot products of row i of a with rows p..p+3 of b. */
    private static void transB4(int i, int p, int n, int k, float[] a, float[] b, float[] c) {
        int ai = i * n, b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        // sRQ: output p + R, lanes [Q * L, (Q + 1) * L) of each block; only Q < 16 / L are used.
        FloatVector s00 = FloatVector.zero(F), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            FloatVector x = FloatVector.fromArray(F, a, ai + j);
            s00 = x.fma(FloatVector.fromArray(F, b, b0 + j), s00);
            s10 = x.fma(FloatVector.fromArray(F, b, b1 + j), s10);
            s20 = x.fma(FloatVector.fromArray(F, b, b2 + j), s20);
            s30 = x.fma(FloatVector.fromArray(F, b, b3 + j), s30);
            if (L <= 8) {
                int q = j + L;
                x = FloatVector.fromArray(F, a, ai + q);
                s01 = x.fma(FloatVector.fromArray(F, b, b0 + q), s01);
                s11 = x.fma(FloatVector.fromArray(F, b, b1 + q), s11);
                s21 = x.fma(FloatVector.fromArray(F, b, b2 + q), s21);
                s31 = x.fma(FloatVector.fromArray(F, b, b3 + q), s31);
            }
            if (L == 4) {
                int q = j + 2 * L;
                x = FloatVector.fromArray(F, a, ai + q);
                s02 = x.fma(FloatVector.fromArray(F, b, b0 + q), s02);
                s12 = x.fma(FloatVector.fromArray(F, b, b1 + q), s12);
                s22 = x.fma(FloatVector.fromArray(F, b, b2 + q), s22);
                s32 = x.fma(FloatVector.fromArray(F, b, b3 + q), s32);
                q += L;
                x = FloatVector.fromArray(F, a, ai + q);
                s03 = x.fma(FloatVector.fromArray(F, b, b0 + q), s03);
                s13 = x.fma(FloatVector.fromArray(F, b, b1 + q), s13);
                s23 = x.fma(FloatVector.fromArray(F, b, b2 + q), s23);
                s33 = x.fma(FloatVector.fromArray(F, b, b3 + q), s33);
            }
        }
        if (j < n) {
            // The last, partial block: masked-off lanes load 0 and add 0 * 0, as the block order says.
            VectorMask<Float> r = F.indexInRange(j, n);
            FloatVector x = FloatVector.fromArray(F, a, ai + j, r);
            s00 = x.fma(FloatVector.fromArray(F, b, b0 + j, r), s00);
            s10 = x.fma(FloatVector.fromArray(F, b, b1 + j, r), s10);
            s20 = x.fma(FloatVector.fromArray(F, b, b2 + j, r), s20);
            s30 = x.fma(FloatVector.fromArray(F, b, b3 + j, r), s30);
            if (L <= 8) {
                int q = j + L;
                r = F.indexInRange(q, n);
                x = FloatVector.fromArray(F, a, ai + q, r);
                s01 = x.fma(FloatVector.fromArray(F, b, b0 + q, r), s01);
                s11 = x.fma(FloatVector.fromArray(F, b, b1 + q, r), s11);
                s21 = x.fma(FloatVector.fromArray(F, b, b2 + q, r), s21);
                s31 = x.fma(FloatVector.fromArray(F, b, b3 + q, r), s31);
            }
            if (L == 4) {
                int q = j + 2 * L;
                r = F.indexInRange(q, n);
                x = FloatVector.fromArray(F, a, ai + q, r);
                s02 = x.fma(FloatVector.fromArray(F, b, b0 + q, r), s02);
                s12 = x.fma(FloatVector.fromArray(F, b, b1 + q, r), s12);
                s22 = x.fma(FloatVector.fromArray(F, b, b2 + q, r), s22);
                s32 = x.fma(FloatVector.fromArray(F, b, b3 + q, r), s32);
                q += L;
                r = F.indexInRange(q, n);
                x = FloatVector.fromArray(F, a, ai + q, r);
                s03 = x.fma(FloatVector.fromArray(F, b, b0 + q, r), s03);
                s13 = x.fma(FloatVector.fromArray(F, b, b1 + q, r), s13);
                s23 = x.fma(FloatVector.fromArray(F, b, b2 + q, r), s23);
                s33 = x.fma(FloatVector.fromArray(F, b, b3 + q, r), s33);
            }
        }
        // The tree of blockLanes and sumLanes, written out: passed to a method that C2 does not inline
        // (this one is big at 4 lanes), a vector is boxed, and 4-lane W3 steps allocated 100 MB.
        FloatVector v0 = L == 16 ? s00 : L == 8 ? s00.add(s01) : s00.add(s02).add(s01.add(s03));
        FloatVector v1 = L == 16 ? s10 : L == 8 ? s10.add(s11) : s10.add(s12).add(s11.add(s13));
        FloatVector v2 = L == 16 ? s20 : L == 8 ? s20.add(s21) : s20.add(s22).add(s21.add(s23));
        FloatVector v3 = L == 16 ? s30 : L == 8 ? s30.add(s31) : s30.add(s32).add(s31.add(s33));
        if (L == 16) {
            v0 = v0.add(v0.rearrange(ROTATE_8)); v1 = v1.add(v1.rearrange(ROTATE_8));
            v2 = v2.add(v2.rearrange(ROTATE_8)); v3 = v3.add(v3.rearrange(ROTATE_8));
        }
        if (L >= 8) {
            v0 = v0.add(v0.rearrange(ROTATE_4)); v1 = v1.add(v1.rearrange(ROTATE_4));
            v2 = v2.add(v2.rearrange(ROTATE_4)); v3 = v3.add(v3.rearrange(ROTATE_4));
        }
        v0 = v0.add(v0.rearrange(ROTATE_2)); v1 = v1.add(v1.rearrange(ROTATE_2));
        v2 = v2.add(v2.rearrange(ROTATE_2)); v3 = v3.add(v3.rearrange(ROTATE_2));
        v0 = v0.add(v0.rearrange(ROTATE_1)); v1 = v1.add(v1.rearrange(ROTATE_1));
        v2 = v2.add(v2.rearrange(ROTATE_1)); v3 = v3.add(v3.rearrange(ROTATE_1));
        int ci = i * k + p;
        c[ci] += v0.lane(0);
        c[ci + 1] += v1.lane(0);
        c[ci + 2] += v2.lane(0);
        c[ci + 3] += v3.lane(0);
    }

    /**
     * c[i..i+3][p..p+3] += the block-order dot products of rows i..i+3 of a with rows p..p+3 of b, at 16
     * lanes (one accumulator per output): 16 chains fed by 8 loads per block, and one vector at the end
     * holds all 16 sums after 8 + 4 + 2 + 1 folds.
     */
    private static void transB4x4(int i, int p, int n, int k, float[] a, float[] b, float[] c) {
        int a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n, b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        // sRQ: rows i + R of a and p + Q of b.
        FloatVector s00 = FloatVector.zero(F), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00;
        FloatVector s13 = s00, s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00;
        FloatVector s33 = s00;
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            FloatVector x0 = FloatVector.fromArray(F, a, a0 + j), x1 = FloatVector.fromArray(F, a, a1 + j);
            FloatVector x2 = FloatVector.fromArray(F, a, a2 + j), x3 = FloatVector.fromArray(F, a, a3 + j);
            FloatVector w0 = FloatVector.fromArray(F, b, b0 + j);
            s00 = x0.fma(w0, s00); s10 = x1.fma(w0, s10); s20 = x2.fma(w0, s20); s30 = x3.fma(w0, s30);
            FloatVector w1 = FloatVector.fromArray(F, b, b1 + j);
            s01 = x0.fma(w1, s01); s11 = x1.fma(w1, s11); s21 = x2.fma(w1, s21); s31 = x3.fma(w1, s31);
            FloatVector w2 = FloatVector.fromArray(F, b, b2 + j);
            s02 = x0.fma(w2, s02); s12 = x1.fma(w2, s12); s22 = x2.fma(w2, s22); s32 = x3.fma(w2, s32);
            FloatVector w3 = FloatVector.fromArray(F, b, b3 + j);
            s03 = x0.fma(w3, s03); s13 = x1.fma(w3, s13); s23 = x2.fma(w3, s23); s33 = x3.fma(w3, s33);
        }
        if (j < n) {
            // The last, partial block: masked-off lanes load 0 and add 0 * 0, as the block order says.
            VectorMask<Float> r = F.indexInRange(j, n);
            FloatVector x0 = FloatVector.fromArray(F, a, a0 + j, r), x1 = FloatVector.fromArray(F, a, a1 + j, r);
            FloatVector x2 = FloatVector.fromArray(F, a, a2 + j, r), x3 = FloatVector.fromArray(F, a, a3 + j, r);
            FloatVector w0 = FloatVector.fromArray(F, b, b0 + j, r);
            s00 = x0.fma(w0, s00); s10 = x1.fma(w0, s10); s20 = x2.fma(w0, s20); s30 = x3.fma(w0, s30);
            FloatVector w1 = FloatVector.fromArray(F, b, b1 + j, r);
            s01 = x0.fma(w1, s01); s11 = x1.fma(w1, s11); s21 = x2.fma(w1, s21); s31 = x3.fma(w1, s31);
            FloatVector w2 = FloatVector.fromArray(F, b, b2 + j, r);
            s02 = x0.fma(w2, s02); s12 = x1.fma(w2, s12); s22 = x2.fma(w2, s22); s32 = x3.fma(w2, s32);
            FloatVector w3 = FloatVector.fromArray(F, b, b3 + j, r);
            s03 = x0.fma(w3, s03); s13 = x1.fma(w3, s13); s23 = x2.fma(w3, s23); s33 = x3.fma(w3, s33);
        }
        // Output 4R + Q is sRQ; folded in that order (see FOLD_HIGH_1), its sum ends in lane reverse(4R + Q).
        FloatVector u0 = s00.blend(s01.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s00.rearrange(FOLD_UP_1).blend(s01, FOLD_HIGH_1));
        FloatVector u1 = s02.blend(s03.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s02.rearrange(FOLD_UP_1).blend(s03, FOLD_HIGH_1));
        FloatVector u2 = s10.blend(s11.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s10.rearrange(FOLD_UP_1).blend(s11, FOLD_HIGH_1));
        FloatVector u3 = s12.blend(s13.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s12.rearrange(FOLD_UP_1).blend(s13, FOLD_HIGH_1));
        FloatVector u4 = s20.blend(s21.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s20.rearrange(FOLD_UP_1).blend(s21, FOLD_HIGH_1));
        FloatVector u5 = s22.blend(s23.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s22.rearrange(FOLD_UP_1).blend(s23, FOLD_HIGH_1));
        FloatVector u6 = s30.blend(s31.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s30.rearrange(FOLD_UP_1).blend(s31, FOLD_HIGH_1));
        FloatVector u7 = s32.blend(s33.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(s32.rearrange(FOLD_UP_1).blend(s33, FOLD_HIGH_1));
        FloatVector t0 = u0.blend(u1.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u0.rearrange(FOLD_UP_2).blend(u1, FOLD_HIGH_2));
        FloatVector t1 = u2.blend(u3.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u2.rearrange(FOLD_UP_2).blend(u3, FOLD_HIGH_2));
        FloatVector t2 = u4.blend(u5.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u4.rearrange(FOLD_UP_2).blend(u5, FOLD_HIGH_2));
        FloatVector t3 = u6.blend(u7.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u6.rearrange(FOLD_UP_2).blend(u7, FOLD_HIGH_2));
        FloatVector h0 = t0.blend(t1.rearrange(FOLD_BACK_3), FOLD_HIGH_3)
                .add(t0.rearrange(FOLD_UP_3).blend(t1, FOLD_HIGH_3));
        FloatVector h1 = t2.blend(t3.rearrange(FOLD_BACK_3), FOLD_HIGH_3)
                .add(t2.rearrange(FOLD_UP_3).blend(t3, FOLD_HIGH_3));
        FloatVector v = h0.blend(h1.rearrange(FOLD_BACK_4), FOLD_HIGH_4)
                .add(h0.rearrange(FOLD_UP_4).blend(h1, FOLD_HIGH_4));
        int c0 = i * k + p, c1 = c0 + k, c2 = c1 + k, c3 = c2 + k;
        c[c0] += v.lane(0);
        c[c0 + 1] += v.lane(8);
        c[c0 + 2] += v.lane(4);
        c[c0 + 3] += v.lane(12);
        c[c1] += v.lane(2);
        c[c1 + 1] += v.lane(10);
        c[c1 + 2] += v.lane(6);
        c[c1 + 3] += v.lane(14);
        c[c2] += v.lane(1);
        c[c2 + 1] += v.lane(9);
        c[c2 + 2] += v.lane(5);
        c[c2 + 3] += v.lane(13);
        c[c3] += v.lane(3);
        c[c3 + 1] += v.lane(11);
        c[c3 + 2] += v.lane(7);
        c[c3 + 3] += v.lane(15);
    }

    /**
     * c[i..i+1][p..p+3] += the block-order dot products of rows i, i + 1 of a with rows p..p+3 of b, for 8
     * or 16 lanes. Eight outputs keep eight chains in flight at 16 lanes (transB4 had four, and two FMA
     * pipes with a latency of 4 cycles need eight) and share each load of a between four of them.
     */
    private static void transB2x4(int i, int p, int n, int k, float[] a, float[] b, float[] c) {
        int a0 = i * n, a1 = a0 + n, b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        // sQR: output R (rows i, p + R for R < 4; rows i + 1, p + R - 4 for R >= 4), lanes [Q * L, (Q + 1) * L)
        // of each block; the sQ1 row is used at 8 lanes only.
        FloatVector s00 = FloatVector.zero(F), s01 = s00, s02 = s00, s03 = s00, s04 = s00, s05 = s00, s06 = s00;
        FloatVector s07 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00, s14 = s00, s15 = s00, s16 = s00;
        FloatVector s17 = s00;
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            FloatVector x = FloatVector.fromArray(F, a, a0 + j), y = FloatVector.fromArray(F, a, a1 + j);
            FloatVector w = FloatVector.fromArray(F, b, b0 + j);
            s00 = x.fma(w, s00); s04 = y.fma(w, s04);
            w = FloatVector.fromArray(F, b, b1 + j);
            s01 = x.fma(w, s01); s05 = y.fma(w, s05);
            w = FloatVector.fromArray(F, b, b2 + j);
            s02 = x.fma(w, s02); s06 = y.fma(w, s06);
            w = FloatVector.fromArray(F, b, b3 + j);
            s03 = x.fma(w, s03); s07 = y.fma(w, s07);
            if (L == 8) {
                int q = j + L;
                x = FloatVector.fromArray(F, a, a0 + q); y = FloatVector.fromArray(F, a, a1 + q);
                w = FloatVector.fromArray(F, b, b0 + q);
                s10 = x.fma(w, s10); s14 = y.fma(w, s14);
                w = FloatVector.fromArray(F, b, b1 + q);
                s11 = x.fma(w, s11); s15 = y.fma(w, s15);
                w = FloatVector.fromArray(F, b, b2 + q);
                s12 = x.fma(w, s12); s16 = y.fma(w, s16);
                w = FloatVector.fromArray(F, b, b3 + q);
                s13 = x.fma(w, s13); s17 = y.fma(w, s17);
            }
        }
        if (j < n) {
            // The last, partial block: masked-off lanes load 0 and add 0 * 0, as the block order says.
            VectorMask<Float> r = F.indexInRange(j, n);
            FloatVector x = FloatVector.fromArray(F, a, a0 + j, r), y = FloatVector.fromArray(F, a, a1 + j, r);
            FloatVector w = FloatVector.fromArray(F, b, b0 + j, r);
            s00 = x.fma(w, s00); s04 = y.fma(w, s04);
            w = FloatVector.fromArray(F, b, b1 + j, r);
            s01 = x.fma(w, s01); s05 = y.fma(w, s05);
            w = FloatVector.fromArray(F, b, b2 + j, r);
            s02 = x.fma(w, s02); s06 = y.fma(w, s06);
            w = FloatVector.fromArray(F, b, b3 + j, r);
            s03 = x.fma(w, s03); s07 = y.fma(w, s07);
            if (L == 8) {
                int q = j + L;
                r = F.indexInRange(q, n);
                x = FloatVector.fromArray(F, a, a0 + q, r); y = FloatVector.fromArray(F, a, a1 + q, r);
                w = FloatVector.fromArray(F, b, b0 + q, r);
                s10 = x.fma(w, s10); s14 = y.fma(w, s14);
                w = FloatVector.fromArray(F, b, b1 + q, r);
                s11 = x.fma(w, s11); s15 = y.fma(w, s15);
                w = FloatVector.fromArray(F, b, b2 + q, r);
                s12 = x.fma(w, s12); s16 = y.fma(w, s16);
                w = FloatVector.fromArray(F, b, b3 + q, r);
                s13 = x.fma(w, s13); s17 = y.fma(w, s17);
            }
        }
        // The block order's tree for the eight outputs at once, written out (a vector passed to a method
        // that C2 does not inline is boxed). At 8 lanes the first level is sQ0 + sQ1. Each further level
        // folds two vectors into one (see FOLD_HIGH_1): eight outputs need 4 + 2 + 1 folds and end in one
        // vector, where sumLanes would spend log2(L) rotations and adds on each output.
        FloatVector v0 = L == 16 ? s00 : s00.add(s10), v1 = L == 16 ? s01 : s01.add(s11);
        FloatVector v2 = L == 16 ? s02 : s02.add(s12), v3 = L == 16 ? s03 : s03.add(s13);
        FloatVector v4 = L == 16 ? s04 : s04.add(s14), v5 = L == 16 ? s05 : s05.add(s15);
        FloatVector v6 = L == 16 ? s06 : s06.add(s16), v7 = L == 16 ? s07 : s07.add(s17);
        FloatVector u0 = v0.blend(v1.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(v0.rearrange(FOLD_UP_1).blend(v1, FOLD_HIGH_1));
        FloatVector u1 = v2.blend(v3.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(v2.rearrange(FOLD_UP_1).blend(v3, FOLD_HIGH_1));
        FloatVector u2 = v4.blend(v5.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(v4.rearrange(FOLD_UP_1).blend(v5, FOLD_HIGH_1));
        FloatVector u3 = v6.blend(v7.rearrange(FOLD_BACK_1), FOLD_HIGH_1)
                .add(v6.rearrange(FOLD_UP_1).blend(v7, FOLD_HIGH_1));
        FloatVector t0 = u0.blend(u1.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u0.rearrange(FOLD_UP_2).blend(u1, FOLD_HIGH_2));
        FloatVector t1 = u2.blend(u3.rearrange(FOLD_BACK_2), FOLD_HIGH_2)
                .add(u2.rearrange(FOLD_UP_2).blend(u3, FOLD_HIGH_2));
        FloatVector v = t0.blend(t1.rearrange(FOLD_BACK_3), FOLD_HIGH_3)
                .add(t0.rearrange(FOLD_UP_3).blend(t1, FOLD_HIGH_3));
        if (L == 16) v = v.add(v.rearrange(ROTATE_1));    // the last level: lane 2q holds its pair's sum
        int c0 = i * k + p, c1 = c0 + k;
        c[c0] += v.lane(SLOT_0);
        c[c0 + 1] += v.lane(SLOT_1);
        c[c0 + 2] += v.lane(SLOT_2);
        c[c0 + 3] += v.lane(SLOT_3);
        c[c1] += v.lane(SLOT_4);
        c[c1 + 1] += v.lane(SLOT_5);
        c[c1 + 2] += v.lane(SLOT_6);
        c[c1 + 3] += v.lane(SLOT_7);
    }

    /** Sum of x[xo + j] * y[yo + j] for j in [0, n), n > 32, in the block order. */
    private static float blockDot(int n, float[] x, int xo, float[] y, int yo) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;   // as in transB4
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            s0 = FloatVector.fromArray(F, x, xo + j).fma(FloatVector.fromArray(F, y, yo + j), s0);
            if (L <= 8) {
                s1 = FloatVector.fromArray(F, x, xo + j + L).fma(FloatVector.fromArray(F, y, yo + j + L), s1);
            }
            if (L == 4) {
                int q = j + 2 * L;
                s2 = FloatVector.fromArray(F, x, xo + q).fma(FloatVector.fromArray(F, y, yo + q), s2);
                q += L;
                s3 = FloatVector.fromArray(F, x, xo + q).fma(FloatVector.fromArray(F, y, yo + q), s3);
            }
        }
        if (j < n) { // the last, partial block, masked as in transB4
            VectorMask<Float> r = F.indexInRange(j, n);
            s0 = FloatVector.fromArray(F, x, xo + j, r).fma(FloatVector.fromArray(F, y, yo + j, r), s0);
            if (L <= 8) {
                int q = j + L;
                r = F.indexInRange(q, n);
                s1 = FloatVector.fromArray(F, x, xo + q, r).fma(FloatVector.fromArray(F, y, yo + q, r), s1);
            }
            if (L == 4) {
                int q = j + 2 * L;
                r = F.indexInRange(q, n);
                s2 = FloatVector.fromArray(F, x, xo + q, r).fma(FloatVector.fromArray(F, y, yo + q, r), s2);
                q += L;
                r = F.indexInRange(q, n);
                s3 = FloatVector.fromArray(F, x, xo + q, r).fma(FloatVector.fromArray(F, y, yo + q, r), s3);
            }
        }
        return sumLanes(blockLanes(s0, s1, s2, s3));
    }

    // ---------------------------------------------------------------------------------------------
    // Row and vector kernels
    // ---------------------------------------------------------------------------------------------

    @Override
    public void broadcastRows(int m, int n, float[] row, float[] c) {
        // System.arraycopy is already a vectorised intrinsic; a Vector API loop would only match it.
        for (int i = 0; i < m; i++) {
            System.arraycopy(row, 0, c, i * n, n);
        }
    }

    @Override
    public void sumRows(int m, int n, float[] a, float[] out) {
        // Each out vector stays in a register over all rows; rows are added in scalar order. The row
        // loop lives in sumColumns, whose vector never leaves it: with the loop here, C2 kept the 4-lane
        // vector boxed across it (2 KB allocated per W1 step).
        int j = 0;
        for (; j + L <= n; j += L) sumColumns(m, n, j, a, out);
        for (; j < n; j++) { // scalar tail
            float s = out[j];
            for (int i = 0; i < m; i++) s += a[i * n + j];
            out[j] = s;
        }
    }

    /** out[j..j+L) += the sum over rows i of a[i * n + j..], in row order. */
    private static void sumColumns(int m, int n, int j, float[] a, float[] out) {
        FloatVector s = FloatVector.fromArray(F, out, j);
        for (int i = 0; i < m; i++) s = s.add(FloatVector.fromArray(F, a, i * n + j));
        s.intoArray(out, j);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        FloatVector va = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (; i + L <= n; i += L) {
            va.fma(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) { // scalar tail
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public float dot(int n, float[] x, float[] y) {
        if (n > IN_SEQUENCE) return blockDot(n, x, 0, y, 0);
        float sum = 0f;
        for (int i = 0; i < n; i++) sum = Math.fma(x[i], y[i], sum); // a short sum, in index order
        return sum;
    }

    // ---------------------------------------------------------------------------------------------
    // Element-wise functions: the same operations in the same order as Numerics, lane by lane, so the
    // bits match the scalar kernels. The tails use Numerics itself.
    // ---------------------------------------------------------------------------------------------

    @Override
    public void activate(Activation f, int n, float[] z, float[] a) {
        int i = 0;
        switch (f) {
            case SIGMOID -> {
                for (; i + L <= n; i += L) sigmoidLanes(z, i, a, false);
                for (; i < n; i++) a[i] = Numerics.sigmoid(z[i]); // scalar tail
            }
            case TANH -> {
                for (; i + L <= n; i += L) sigmoidLanes(z, i, a, true);
                for (; i < n; i++) a[i] = Numerics.tanh(z[i]); // scalar tail
            }
            case RELU -> {
                for (; i + L <= n; i += L) FloatVector.fromArray(F, z, i).max(0f).intoArray(a, i);
                for (; i < n; i++) a[i] = Numerics.relu(z[i]); // scalar tail
            }
            case IDENTITY -> {
                if (a != z) System.arraycopy(z, 0, a, 0, n);
            }
        }
    }

    @Override
    public void multiplyByDerivative(Activation f, int n, float[] a, float[] delta) {
        int i = 0;
        switch (f) {
            case SIGMOID -> {
                for (; i + L <= n; i += L) {
                    FloatVector y = FloatVector.fromArray(F, a, i);
                    FloatVector d = y.mul(FloatVector.broadcast(F, 1f).sub(y)); // a (1 - a)
                    FloatVector v = FloatVector.fromArray(F, delta, i).mul(d);
                    v.blend(0f, v.abs().compare(VectorOperators.LT, FLUSH_BELOW)).intoArray(delta, i); // flush
                }
            }
            case TANH -> {
                for (; i + L <= n; i += L) {
                    FloatVector y = FloatVector.fromArray(F, a, i);
                    FloatVector d = y.neg().fma(y, FloatVector.broadcast(F, 1f)); // fma(-a, a, 1)
                    FloatVector v = FloatVector.fromArray(F, delta, i).mul(d);
                    v.blend(0f, v.abs().compare(VectorOperators.LT, FLUSH_BELOW)).intoArray(delta, i); // flush
                }
            }
            case RELU -> {
                for (; i + L <= n; i += L) {
                    FloatVector y = FloatVector.fromArray(F, a, i);
                    FloatVector d = FloatVector.zero(F).blend(1f, y.compare(VectorOperators.GT, 0f));
                    FloatVector v = FloatVector.fromArray(F, delta, i).mul(d);
                    v.blend(0f, v.abs().compare(VectorOperators.LT, FLUSH_BELOW)).intoArray(delta, i); // flush
                }
            }
            case IDENTITY -> { } // f' = 1: the scalar loop below only flushes, as the scalar kernel does
        }
        for (; i < n; i++) { // scalar tail
            delta[i] = Numerics.flush(delta[i] * Numerics.derivative(f, a[i]));
        }
    }

    @Override
    public void unsignedBytesToFloats(int n, byte[] src, int srcOffset, float scale, float[] dst, int dstOffset) {
        // L bytes widen to L int lanes (zero-extended, so byte -1 becomes 255), then to floats:
        // the same int-to-float conversion and single multiply as the scalar (src & 0xFF) * scale.
        int i = 0;
        if (L == 4) {
            // Plain loop: C2 does not compile the Vector API's widening of bytes to 4 ints into SIMD
            // instructions (one part of a 64-bit vector or four of a 128-bit one: 112-128 KB allocated
            // per 784-pixel image), while its auto-vectoriser handles this loop.
            for (; i < n; i++) dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) * scale;
            return;
        }
        for (; i + L <= n; i += L) {
            ByteVector bytes = ByteVector.fromArray(B, src, srcOffset + i);
            IntVector ints = (IntVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            ((FloatVector) ints.convert(VectorOperators.I2F, 0)).mul(scale).intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) { // scalar tail
            dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) * scale;
        }
    }

    /**
     * The first levels of the block order's tree over 16 chains held in L-lane vectors s0..s3 (lanes
     * [0, L), [L, 2L), ... of the block; those past 16 / L unused): afterwards lane i holds what the
     * tree has at position i once L lanes are left, and {@link #sumLanes} finishes it.
     */
    private static FloatVector blockLanes(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        if (L == 16) return s0;
        if (L == 8) return s0.add(s1);                  // lanes i and i + 8
        return s0.add(s2).add(s1.add(s3));              // i and i + 8, then i and i + 4
    }

    /** The sum of the lanes of v, added in the same tree whether interpreted or compiled. */
    private static float sumLanes(FloatVector v) {
        if (L == 16) v = v.add(v.rearrange(ROTATE_8));
        if (L >= 8) v = v.add(v.rearrange(ROTATE_4));
        v = v.add(v.rearrange(ROTATE_2));
        v = v.add(v.rearrange(ROTATE_1));
        return v.lane(0);
    }

    /**
     * a[i..i+L) = Numerics.sigmoid(z[i..i+L)) lane by lane, or Numerics.tanh when {@code tanh}. Loads and
     * stores here, and takes no vector: at 4 lanes C2 compiled a vector helper out of line before its
     * callers, and every vector passed to it or returned was boxed (1.5 MB per 784x512 activation).
     */
    private static void sigmoidLanes(float[] z, int i, float[] a, boolean tanh) {
        FloatVector v = FloatVector.fromArray(F, z, i);
        if (tanh) v = v.mul(2f);                                             // tanh(z) = 2 sigmoid(2z) - 1
        v = v.max(-SIGMOID_CLAMP).min(SIGMOID_CLAMP);
        // e^-v as Numerics.exp computes it
        FloatVector x = v.neg().max(EXP_MIN).min(EXP_MAX);
        FloatVector shifted = x.fma(LOG2E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);                               // round(x / ln 2)
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);                    // x - n ln 2
        FloatVector p = r.fma(C7, C6);                                      // fma(C7, r, C6)
        p = p.fma(r, FloatVector.broadcast(F, C5));
        p = p.fma(r, FloatVector.broadcast(F, C4));
        p = p.fma(r, FloatVector.broadcast(F, C3));
        p = p.fma(r, FloatVector.broadcast(F, C2));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        //  shifted bits: 0x4B400000 + n  ->  (n + 127) << 23 is the float 2^n
        FloatVector scale = shifted.reinterpretAsInts()
                .add(127 - 0x4B400000)
                .lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector sigmoid = one.div(one.add(p.mul(scale)));                // 1 / (1 + e^-v)
        (tanh ? sigmoid.fma(2f, -1f) : sigmoid).intoArray(a, i);            // fma(2, sigmoid(2z), -1)
    }
}
