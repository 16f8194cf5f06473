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
import dev.descent.kernel.simd.VectorKernels;
import dev.descent.network.Network;
import dev.descent.spi.Optimizer;
import dev.descent.testing.TestCosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar kernels are the specification of a training run, bit for bit: this JVM's kernels (SIMD
 * at the width the build forces with {@code -Ddescent.vector.bits}, or scalar) on one thread and on two
 * threads with every product split give the scalar kernels' weights and metrics, for the W1, W2 and W3
 * shapes and for odd ones, at batch sizes 1, 10, 128 and 200, with every activation, with dropout and
 * with weight decay. The build runs this class at 128 and 256 bits, at the widest and forced scalar.
 */
class SameBitsTest {
    private static Dataset images;
    private static Dataset digits;

    /** One training run's settings; {@code samples} images from the training set, one epoch. */
    record Run(String name, int[] sizes, Activation activation, int batch, int samples, double rate,
               double weightDecay, float[] dropout, boolean fusedStep, boolean digits) {
        Run(String name, int[] sizes, Activation activation, int batch, int samples, double rate,
            double weightDecay, float[] dropout, boolean fusedStep) {
            this(name, sizes, activation, batch, samples, rate, weightDecay, dropout, fusedStep, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Run> runs() {
        return Stream.of(
                new Run("W1 784-16-16-10 sigmoid batch 10", new int[] {784, 16, 16, 10}, Activation.SIGMOID,
                        10, 2000, 3.0, 0, null, true),
                new Run("W2 784-100-10 sigmoid batch 10", new int[] {784, 100, 10}, Activation.SIGMOID,
                        10, 1000, 3.0, 0, null, true),
                new Run("W3 784-512-512-10 relu batch 128", new int[] {784, 512, 512, 10}, Activation.RELU,
                        128, 256, 0.05, 0, null, true),
                new Run("784-40-33-7 tanh batch 1, weight decay", new int[] {784, 40, 33, 7}, Activation.TANH,
                        1, 150, 0.02, 1e-4, null, false),
                new Run("784-47-41-10 relu batch 200, dropout", new int[] {784, 47, 41, 10}, Activation.RELU,
                        200, 400, 0.05, 0, new float[] {0, 0.2f, 0.1f, 0}, true),
                new Run("784-33-7 sigmoid batch 10, dropout and weight decay", new int[] {784, 33, 7},
                        Activation.SIGMOID, 10, 500, 1.0, 1e-3, new float[] {0, 0.3f, 0}, false),
                // Digits are 81% zero pixels: the first layer takes its sparse path on nearly every batch.
                new Run("W1 on digits, batch 10", new int[] {784, 16, 16, 10}, Activation.SIGMOID,
                        10, 2000, 3.0, 0, null, true, true),
                new Run("784-33-7 relu on digits, batch 1", new int[] {784, 33, 7}, Activation.RELU,
                        1, 300, 0.05, 0, null, true, true),
                new Run("W3 shape on digits, batch 200", new int[] {784, 512, 512, 10}, Activation.RELU,
                        200, 400, 0.05, 0, null, true, true));
    }

    @BeforeAll
    static void loadImages() {
        images = trainingSet("fashion-mnist");
        digits = trainingSet("mnist");
    }

    @Test
    void runsAtTheWidthTheBuildAsksFor() {
        String kernels = System.getProperty(KernelProvider.PROPERTY, "auto");
        String bits = System.getProperty(VectorKernels.BITS_PROPERTY, "");
        if (kernels.equals("scalar")) {
            assertEquals("scalar", KernelProvider.get().name());
        } else if (!bits.isBlank()) {
            assertEquals(Integer.parseInt(bits) / Float.SIZE, ((VectorKernels) KernelProvider.get()).lanes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void givesTheScalarKernelsBitsOnOneAndTwoThreads(Run run) {
        int classes = run.sizes[run.sizes.length - 1];
        Dataset data = run.digits ? digits : images;
        Dataset train = subset(data, 0, run.samples, classes);
        Dataset test = subset(data, run.samples, 100, classes);
        Trained expected = train(run, ScalarKernels.INSTANCE, train, test);
        Trained one = train(run, KernelProvider.get(), train, test);
        assertSame(expected, one, run + ", " + KernelProvider.get().name() + " on one thread");
        try (ParallelKernels two = new ParallelKernels(KernelProvider.get(), 2, 0)) {
            assertSame(expected, train(run, two, train, test), run + ", " + two.name() + " on two threads");
        }
        assertTrue(Double.isFinite(expected.metrics.getFirst().getFirst()), run + " diverged: " + expected.metrics);
    }

    private record Trained(Network network, List<List<Double>> metrics) {}

    private static void assertSame(Trained expected, Trained actual, String what) {
        assertTrue(expected.network.sameParameters(actual.network), what + ": weights differ from the scalar kernels'");
        // Every figure a run reports but its duration: train cost, test cost, accuracy, gradient norm.
        assertEquals(expected.metrics, actual.metrics, what + ": metrics differ from the scalar kernels'");
    }

    private static Trained train(Run run, Kernels kernels, Dataset train, Dataset test) {
        Network network = TrainerTest.network(run.sizes, run.activation, 7);
        // The weights of TrainerTest.network are N(0, 1): scaled to the fan-in, ReLU and tanh learn.
        for (int l = 1; l < run.sizes.length; l++) {
            float scale = (float) (1 / Math.sqrt(run.sizes[l - 1]));
            float[] w = network.weights(l);
            for (int i = 0; i < w.length; i++) w[i] *= scale;
        }
        Trainer.Builder builder = Trainer.builder(kernels, TestCosts.QUADRATIC)
                .schedule(TrainerTest.constant(run.rate))
                .optimizers(() -> run.fusedStep ? TrainerTest.sgd() : perTensorSgd()).weightDecay(run.weightDecay)
                .epochs(1).batchSize(run.batch).shuffleSeed(new SplittableRandom(11).nextLong());
        if (run.dropout != null) builder.dropout(run.dropout, new SplittableRandom(12).nextLong());
        TrainingResult result = builder.build().train(network, train, null, test);
        List<List<Double>> metrics = result.epochs().stream()
                .map(r -> List.of(r.trainCost(), r.testCost(), r.testAccuracy(), r.gradientNorm()))
                .toList();
        return new Trained(network, metrics);
    }

    /**
     * The same SGD step in the per-tensor form, so that the trainer does not fuse the weight step into the
     * backward pass: both paths must give the scalar kernels' bits.
     */
    private static Optimizer perTensorSgd() {
        return (lengths, kernels) -> (Optimizer.PerTensor) (tensor, values, gradientSum, length, scale, rate, step)
                -> kernels.axpy(length, (float) (-rate * scale), gradientSum, values);
    }

    /** Images {@code [from, from + count)}, their labels taken modulo {@code classes} for a narrower output. */
    private static Dataset subset(Dataset data, int from, int count, int classes) {
        int size = data.imageSize();
        byte[] pixels = Arrays.copyOfRange(data.pixels(), from * size, (from + count) * size);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte) (data.label(from + i) % classes);
        return Dataset.of("subset", pixels, labels, data.rows(), data.cols());
    }

    /**
     * Real images when the shared data are there (their zeros and repeated values matter), else synthetic
     * ones, with a fifth of their pixels kept for digits, so that the sparse first layer runs too.
     */
    private static Dataset trainingSet(String name) {
        String root = System.getenv(DataLocator.ENV);
        if (root != null) {
            Path dir = Path.of(root, name);
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            if (Files.isRegularFile(images) && Files.isRegularFile(labels)) return Dataset.load(images, labels);
        }
        Dataset synthetic = Dataset.synthetic(3000, 4);
        if (name.equals("mnist")) {
            byte[] pixels = synthetic.pixels();
            for (int i = 0; i < pixels.length; i++) if (i % 5 != 0) pixels[i] = 0;
        }
        return synthetic;
    }
}
