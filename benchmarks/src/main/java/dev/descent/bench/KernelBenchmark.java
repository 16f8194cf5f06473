package dev.descent.bench;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import java.util.SplittableRandom;
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
 * The forward-pass kernel, c += a * b, for a mini-batch of m samples through a layer of n neurons with
 * k inputs: scalar against SIMD. Cost grows with m * n * k.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class KernelBenchmark {
    @Param({"scalar", "simd"})
    public String kernels;

    @Param({"10"})
    public int m;

    @Param({"16", "17", "100"})
    public int n;

    @Param({"784"})
    public int k;

    private Kernels impl;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        impl = KernelProvider.forName(kernels);
        SplittableRandom random = new SplittableRandom(42);
        a = random(random, m * k);
        b = random(random, k * n);
        c = new float[m * n];
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = (float) random.nextDouble(-1, 1);
        return v;
    }

    @Benchmark
    public float[] gemm() {
        impl.gemm(m, n, k, a, b, c);
        return c;
    }

    @Benchmark
    public float[] gemmTransA() {
        impl.gemmTransA(m, n, k, a, c, b);
        return b;
    }
}
