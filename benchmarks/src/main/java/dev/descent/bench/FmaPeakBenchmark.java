package dev.descent.bench;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The ceiling the workloads are measured against: {@link Kernels#fmaChains}, 12 independent FMA
 * chains as wide as the kernels' vectors (as ../shared/anchors/c/fma_peak.c in C). One call is
 * {@code 24 * lanes * 65,536} floating-point operations: at 16 lanes, GFLOP/s = 25,166 / score in us.
 *
 * <p>{@link #broadcastChains} is the ceiling of the narrow layers' loop (a 784x16 layer is one vector of
 * outputs wide): ten independent chains whose every FMA multiplies a value broadcast from memory by one
 * vector loaded per round, all in L1, as {@code gemm10} does for ten rows of a batch. One call is
 * {@code 20 * lanes * 65,536} floating-point operations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation"})
@State(Scope.Thread)
public class FmaPeakBenchmark {
    static final int ROUNDS = 1 << 16;

    /** Vector width for the SIMD kernels: 128, 256 or 512 bits; empty for the CPU's widest. */
    @Param({""})
    public String bits;

    @Param({"simd"})
    public String kernels;

    private Kernels impl;

    @Setup
    public void setUp() {
        Widths.force(bits);
        impl = KernelProvider.forName(kernels);
    }

    @Benchmark
    public float fmaChains() {
        return impl.fmaChains(ROUNDS);
    }

    @Benchmark
    public float broadcastChains() {
        return Broadcasts.chains(ROUNDS);
    }

    /**
     * Loaded at the first call, after {@link Widths#force}: its species, a constant for C2, is the SIMD
     * kernels' width.
     */
    private static final class Broadcasts {
        static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
                VectorShape.forBitSize(KernelProvider.forName("simd").lanes() * Float.SIZE));
        static final int L = F.length();
        static final float[] A = filled(10 * 128 + 16, 1e-3f);
        static final float[] B = filled(8 * L, 1e-3f);

        private static float[] filled(int length, float value) {
            float[] values = new float[length];
            Arrays.fill(values, value);
            return values;
        }

        static float chains(int rounds) {
            float[] a = A, b = B;
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0, s4 = s0;
            FloatVector s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0;
            for (int r = 0; r < rounds; r++) {
                int x = r & 127;                                   // as gemm10's p: a new column each round
                FloatVector bp = FloatVector.fromArray(F, b, (r & 7) * L);
                s0 = FloatVector.broadcast(F, a[x]).fma(bp, s0);
                s1 = FloatVector.broadcast(F, a[x + 128]).fma(bp, s1);
                s2 = FloatVector.broadcast(F, a[x + 256]).fma(bp, s2);
                s3 = FloatVector.broadcast(F, a[x + 384]).fma(bp, s3);
                s4 = FloatVector.broadcast(F, a[x + 512]).fma(bp, s4);
                s5 = FloatVector.broadcast(F, a[x + 640]).fma(bp, s5);
                s6 = FloatVector.broadcast(F, a[x + 768]).fma(bp, s6);
                s7 = FloatVector.broadcast(F, a[x + 896]).fma(bp, s7);
                s8 = FloatVector.broadcast(F, a[x + 1024]).fma(bp, s8);
                s9 = FloatVector.broadcast(F, a[x + 1152]).fma(bp, s9);
            }
            return s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).add(s8.add(s9)).lane(0);
        }
    }
}
