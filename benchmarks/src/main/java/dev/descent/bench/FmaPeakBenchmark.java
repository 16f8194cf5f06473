package dev.descent.bench;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
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

/**
 * The ceiling the workloads are measured against: {@link Kernels#fmaChains}, 12 independent FMA
 * chains as wide as the kernels' vectors (as ../shared/anchors/c/fma_peak.c in C). One call is
 * {@code 24 * lanes * 65,536} floating-point operations: at 16 lanes, GFLOP/s = 25,166 / score in us.
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
}
