package dev.descent.bench;

import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Network;
import dev.descent.plugins.cost.QuadraticCost;
import dev.descent.plugins.init.GaussianInitializer;
import dev.descent.plugins.optimizer.SgdOptimizer;
import dev.descent.training.Trainer;
import dev.descent.training.TrainingResult;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 as the peers run it: one shuffled epoch of the 60,000 Fashion-MNIST training images through
 * 784-16-16-10 (sigmoid, quadratic cost, SGD at eta 3.0, batch 10), in a JVM limited to 128 MiB, so
 * the score also shows that a full run fits there. Each invocation is one epoch, continuing the same
 * network; the epoch ends with an evaluation of only 100 test images, a small part of the time. Reads
 * DESCENT_DATA. {@code -p batch=1} is W1b (per-sample SGD, eta 0.3, as the peers run it), and
 * {@code -p data=mnist} the same network on MNIST, whose images are 81% zero pixels.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation", "-Xmx128m"})
@State(Scope.Benchmark)
public class EpochBenchmark {
    @Param({"1", "2"})
    public int threads;

    @Param({"simd"})
    public String kernels;

    /** Vector width for the SIMD kernels: 128, 256 or 512 bits; empty for the CPU's widest. */
    @Param({""})
    public String bits;

    /** 10 for W1, 1 for W1b. */
    @Param({"10"})
    public int batch;

    /** fashion-mnist for W1, mnist for the sparse images. */
    @Param({"fashion-mnist"})
    public String data;

    private Kernels impl;
    private Trainer trainer;
    private Network network;
    private Dataset train;
    private Dataset test;

    @Setup
    public void setUp() {
        Widths.force(bits);
        TrainTest sets = DataLocator.load(DatasetName.of(data, "-p data"), null, new Downloader(), null);
        train = sets.train();
        test = sets.test().subset("first 100 test images", IntStream.range(0, 100).toArray());
        network = Network.initialize(new int[] {784, 16, 16, 10}, Activation.SIGMOID, new GaussianInitializer(0, 1),
                new GaussianInitializer(0, 1), new SplittableRandom(1));
        Kernels serial = KernelProvider.forName(kernels);
        impl = ParallelKernels.forNetwork(serial, threads, new int[] {784, 16, 16, 10}, batch);
        double eta = batch == 1 ? 0.3 : 3.0;
        trainer = Trainer.builder(impl, new QuadraticCost()).schedule(progress -> eta).optimizers(SgdOptimizer::new)
                .epochs(1).batchSize(batch).shuffleSeed(new SplittableRandom(2).nextLong()).build();
    }

    @Benchmark
    public TrainingResult epoch() {
        return trainer.train(network, train, null, test);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (impl instanceof ParallelKernels parallel) parallel.close();
    }
}
