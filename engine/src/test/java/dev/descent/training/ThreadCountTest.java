package dev.descent.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ParallelKernels;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Network;
import dev.descent.spi.Optimizer;
import dev.descent.testing.TestCosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The thread count must not change a result: W1 (784-16-16-10, sigmoid, quadratic cost, SGD, batch
 * 10) trained for one epoch on Fashion-MNIST with one and with two threads ends with the same bits
 * in every weight, with the products split as in production and with every product split, and the
 * same metrics when the test set is evaluated on two threads.
 */
class ThreadCountTest {
    private static final int[] W1 = {784, 16, 16, 10};

    @Test
    void oneEpochOfW1GivesTheSameWeightsOnOneAndTwoThreads() {
        Dataset train = fashionTrainingSet();
        Dataset test = Dataset.synthetic(1_000, 3);   // 13 evaluation batches, split between the threads
        TrainedRun one = train(KernelProvider.get(), 1, train, test);
        try (ParallelKernels asShipped = new ParallelKernels(KernelProvider.get(), 2);
             ParallelKernels splitEverything = new ParallelKernels(KernelProvider.get(), 2, 0)) {
            for (ParallelKernels kernels : List.of(asShipped, splitEverything)) {
                TrainedRun two = train(kernels, 2, train, test);
                assertTrue(one.network.sameParameters(two.network), "weights differ with 2 threads");
                assertEquals(metrics(one.result), metrics(two.result));
            }
        }
        assertTrue(one.result.last().trainCost() < 0.5, "W1 learned nothing: " + one.result.last());
    }

    @Test
    void fusedSgdStepGivesTheBitsOfTheOptimizerStep() {
        // A scaled-gradient step lets the trainer fuse the weight step into the backward pass; the same
        // step as the optimizer's own per-tensor update takes the unfused path.
        Dataset train = Dataset.synthetic(2000, 5);
        Dataset test = Dataset.synthetic(100, 6);
        for (Kernels kernels : List.of(KernelProvider.get(), ScalarKernels.INSTANCE)) {
            Network fused = network(), unfused = network();
            TrainingResult a = trainer(kernels, true).train(fused, train, null, test);
            TrainingResult b = trainer(kernels, false).train(unfused, train, null, test);
            assertTrue(fused.sameParameters(unfused), kernels.name() + ": fused and unfused SGD differ");
            assertEquals(metrics(a), metrics(b));
        }
    }

    /** Everything an epoch reports but its duration. */
    private static List<List<Double>> metrics(TrainingResult result) {
        return result.epochs().stream()
                .map(r -> List.of(r.trainCost(), r.testCost(), r.testAccuracy(), r.gradientNorm()))
                .toList();
    }

    private record TrainedRun(Network network, TrainingResult result) {}

    private static TrainedRun train(Kernels kernels, int threads, Dataset train, Dataset test) {
        Network network = network();
        return new TrainedRun(network, trainer(kernels, true, threads).train(network, train, null, test));
    }

    private static Trainer trainer(Kernels kernels, boolean fused) {
        return trainer(kernels, fused, 1);
    }

    private static Trainer trainer(Kernels kernels, boolean fused, int evaluationThreads) {
        return Trainer.builder(kernels, TestCosts.QUADRATIC).schedule(TrainerTest.constant(3.0))
                .optimizers(() -> fused ? TrainerTest.sgd() : perTensorSgd()).epochs(1).batchSize(10)
                .evaluationThreads(evaluationThreads).shuffleSeed(new SplittableRandom(9).nextLong()).build();
    }

    /** Plain SGD as an optimizer's own per-tensor step, which the trainer cannot fuse. */
    private static Optimizer perTensorSgd() {
        return (lengths, kernels) -> (Optimizer.PerTensor) (tensor, values, gradientSum, length, scale, rate, step)
                -> kernels.axpy(length, (float) (-rate * scale), gradientSum, values);
    }

    private static Network network() {
        return TrainerTest.network(W1, Activation.SIGMOID, 1);
    }

    /** The real W1 data when the shared data are there (CI has them), else synthetic images of its size. */
    private static Dataset fashionTrainingSet() {
        String root = System.getenv(DataLocator.ENV);
        if (root != null) {
            Path dir = Path.of(root, "fashion-mnist");
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            if (Files.isRegularFile(images) && Files.isRegularFile(labels)) return Dataset.load(images, labels);
        }
        return Dataset.synthetic(60_000, 4);
    }
}
