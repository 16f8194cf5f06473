package dev.descent.bench;

import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.plugins.cost.QuadraticCost;
import dev.descent.plugins.init.GaussianInitializer;
import dev.descent.training.Evaluation;
import dev.descent.training.Evaluator;
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
 * I1: the seed network's forward pass over the 10,000 Fashion-MNIST test images, with the argmax and
 * the cost: what evaluation after each epoch costs, on one thread or split between several (the
 * evaluation of a run with {@code training.threads} above 1). Reads the data from DESCENT_DATA (or data/).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation"})
@State(Scope.Thread)
public class InferenceBenchmark {
    @Param({"simd", "scalar"})
    public String kernels;

    /** Vector width for the SIMD kernels: 128, 256 or 512 bits; empty for the CPU's widest. */
    @Param({""})
    public String bits;

    /** Threads the test set is split between. */
    @Param({"1"})
    public int threads;

    private Evaluator evaluator;
    private Network network;
    private Dataset test;

    @Setup
    public void setUp() {
        Widths.force(bits);
        test = DataLocator.load(DatasetName.FASHION_MNIST, null, new Downloader(), null).test();
        network = Network.initialize(new int[] {784, 16, 16, 10}, Activation.SIGMOID, new GaussianInitializer(0, 1),
                new GaussianInitializer(0, 1), new SplittableRandom(1));
        evaluator = new Evaluator(new Backprop(KernelProvider.forName(kernels)), network, new QuadraticCost(),
                threads);
    }

    @Benchmark
    public Evaluation forwardOverTheTestSet() {
        return evaluator.evaluate(network, test);
    }
}
