package dev.descent.bench;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Network;
import dev.descent.plugins.cost.QuadraticCost;
import dev.descent.plugins.init.GaussianInitializer;
import dev.descent.plugins.optimizer.SgdOptimizer;
import dev.descent.training.Trainer;
import java.util.SplittableRandom;
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
 * One mini-batch of training (load, forward, backward, SGD update) for the workloads of the
 * performance issue, on synthetic 28x28 images (the arithmetic does not depend on the pixels):
 * W1 784-16-16-10 sigmoid batch 10, W2 784-100-10 sigmoid batch 10, W3 784-512-512-10 ReLU batch 128.
 * Multiply the score by samples per epoch / batch for the time of an epoch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation"})
@State(Scope.Thread)
public class TrainStepBenchmark {
    @Param({"W1", "W2", "W3"})
    public String workload;

    @Param({"simd", "scalar"})
    public String kernels;

    /** Threads for the matrix products; results are the same bits for any count. */
    @Param({"1"})
    public int threads;

    private Kernels impl;
    private Trainer.Session session;

    @Setup
    public void setUp() {
        int[] sizes;
        Activation activation;
        int batch;
        switch (workload) {
            case "W1" -> { sizes = new int[] {784, 16, 16, 10}; activation = Activation.SIGMOID; batch = 10; }
            case "W2" -> { sizes = new int[] {784, 100, 10}; activation = Activation.SIGMOID; batch = 10; }
            case "W3" -> { sizes = new int[] {784, 512, 512, 10}; activation = Activation.RELU; batch = 128; }
            default -> throw new IllegalArgumentException("unknown workload " + workload + "; valid: W1, W2, W3");
        }
        SplittableRandom random = new SplittableRandom(1);
        Dataset data = Dataset.synthetic(20 * batch, 1);
        double std = activation == Activation.RELU ? 0.05 : 1.0;   // keeps ReLU activations from exploding
        Network network = Network.initialize(sizes, activation, new GaussianInitializer(0, std),
                new GaussianInitializer(0, std), random);
        Kernels serial = KernelProvider.forName(kernels);
        impl = ParallelKernels.forNetwork(serial, threads, sizes, batch);
        Trainer trainer = Trainer.builder(impl, new QuadraticCost()).schedule(progress -> 0.01)
                .optimizers(SgdOptimizer::new).batchSize(batch).shuffleSeed(new SplittableRandom(2).nextLong()).build();
        session = trainer.session(network, data);
    }

    @Benchmark
    public double step() {
        return session.step(0.01);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (impl instanceof ParallelKernels parallel) parallel.close();
    }
}
