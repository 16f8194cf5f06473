package dev.descent.training;

import static dev.descent.testing.TestCosts.QUADRATIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.config.EarlyStop;
import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Optimizer;
import dev.descent.training.listener.DivergenceCheck;
import dev.descent.training.listener.EarlyStopping;
import dev.descent.training.listener.GradientNormStop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
    /** XOR as a 2-pixel image classified into 2 classes: not separable by a single layer. */
    static Dataset xor() {
        byte[] pixels = {0, 0, 0, (byte) 255, (byte) 255, 0, (byte) 255, (byte) 255};
        byte[] labels = {0, 1, 1, 0};
        return Dataset.of("xor", pixels, labels, 1, 2);
    }

    static Network network(int[] sizes, Activation f, long seed) {
        Network n = new Network(sizes, f);
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 1; l < sizes.length; l++) {
            for (int i = 0; i < n.weights(l).length; i++) n.weights(l)[i] = (float) random.nextGaussian();
            for (int i = 0; i < n.biases(l).length; i++) n.biases(l)[i] = (float) random.nextGaussian();
        }
        return n;
    }

    /** Plain SGD, written here so the engine's tests do not depend on the plugins module. */
    static Optimizer sgd() {
        return (lengths, kernels) -> (Optimizer.ScaledGradient) (rate, scale, step) -> (float) (-rate * scale);
    }

    /** A trainer with plain SGD at {@code schedule}; the test sets the rest by name. */
    static Trainer.Builder sgd(Kernels kernels, Cost cost, LearningRateSchedule schedule) {
        return Trainer.builder(kernels, cost).schedule(schedule).optimizers(TrainerTest::sgd);
    }

    static LearningRateSchedule constant(double eta) {
        return progress -> eta;
    }

    /**
     * ReLU is left out: with ReLU on the output layer too (descent uses one activation throughout)
     * and the quadratic cost, an output unit that hits 0 for a sample never recovers on XOR's four
     * points. Its back-propagation is covered by the finite-difference check.
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH"})
    void learnsXor(Activation activation) {
        Dataset xor = xor();
        // A tiny network can start in a bad basin: most of ten seeds must solve it.
        int solved = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Network net = network(new int[] {2, 8, 2}, activation, seed);
            double eta = activation == Activation.SIGMOID ? 2.0 : 0.1;
            Trainer trainer = sgd(KernelProvider.get(), QUADRATIC, constant(eta)).epochs(2000).batchSize(1)
                    .shuffleSeed(seed).build();
            TrainingResult result = trainer.train(net, xor, null, xor);
            if (result.last().testAccuracy() == 1.0) solved++;
        }
        assertTrue(solved >= 6, activation + " solved XOR from " + solved + " of 10 seeds");
    }

    @Test
    void sameSeedGivesIdenticalRuns() {
        Dataset xor = xor();
        List<EpochResult> first = run(xor, 11, KernelProvider.get());
        List<EpochResult> second = run(xor, 11, KernelProvider.get());
        assertEquals(first, second);
        assertTrue(first.getLast().testCost() < first.getFirst().testCost(), first.toString());
    }

    @Test
    void scalarAndSimdKernelsTrainAlike() {
        Dataset xor = xor();
        double scalar = run(xor, 5, ScalarKernels.INSTANCE).getLast().trainCost();
        double simd = run(xor, 5, KernelProvider.get()).getLast().trainCost();
        assertEquals(scalar, simd, 1e-3 + 1e-2 * scalar);
    }

    @Test
    void stopsWhenTheGradientNormFallsBelowTheThreshold() {
        Dataset xor = xor();
        Trainer trainer = sgd(KernelProvider.get(), QUADRATIC, constant(1.0)).epochs(50).batchSize(4).shuffleSeed(1)
                .listener(new GradientNormStop(1e9)).build();
        TrainingResult result = trainer.train(network(new int[] {2, 3, 2}, Activation.SIGMOID, 1), xor, null, xor);
        assertEquals(1, result.epochs().size());
        assertEquals(TrainingResult.StopReason.GRADIENT_NORM, result.stopReason());
    }

    @Test
    void divergenceStopsWithEpochAndStep() {
        Dataset xor = xor();
        Cost exploding = (a, y, rows, width, gradient) -> Double.NaN;
        Trainer trainer = sgd(KernelProvider.get(), exploding, constant(1.0)).epochs(3).batchSize(2).shuffleSeed(1)
                .listener(new DivergenceCheck("exploding", "constant")).build();
        DescentException e = assertThrows(DescentException.class,
                () -> trainer.train(network(new int[] {2, 3, 2}, Activation.SIGMOID, 1), xor, null, xor));
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("step 1")
                && e.getMessage().contains("learning-rate"), e.getMessage());
    }

    @Test
    void gradientStepMatchesAHandComputedUpdate() {
        // One sample, one layer 2 -> 2 with sigmoid: w <- w - eta * (a - y) a (1 - a) x.
        byte[] pixels = {(byte) 255, 0};
        Dataset one = Dataset.of("one", pixels, new byte[] {1}, 1, 2);
        Network net = new Network(new int[] {2, 2}, Activation.SIGMOID);
        net.setWeights(1, new float[] {0.5f, -0.25f, 0.1f, 0.2f});
        Network expected = net.copy();
        Trainer trainer = sgd(ScalarKernels.INSTANCE, QUADRATIC, constant(0.5)).epochs(1).batchSize(1).build();
        trainer.train(net, one, null, one);
        float[] x = {1f, 0f};
        float[] y = {0f, 1f};
        float[] w = expected.neuronMajorWeights(1);
        float[] newW = w.clone();
        float[] newB = new float[2];
        for (int j = 0; j < 2; j++) {
            double z = w[j * 2] * x[0] + w[j * 2 + 1] * x[1];
            double a = 1 / (1 + Math.exp(-z));
            double delta = (a - y[j]) * a * (1 - a);
            for (int k = 0; k < 2; k++) newW[j * 2 + k] = (float) (w[j * 2 + k] - 0.5 * delta * x[k]);
            newB[j] = (float) (-0.5 * delta);
        }
        assertArrayEquals(newW, net.neuronMajorWeights(1), 1e-6f);
        assertArrayEquals(newB, Arrays.copyOf(net.biases(1), 2), 1e-6f);
    }

    @Test
    void weightDecayShrinksWeightsButNotBiases() {
        Dataset one = Dataset.of("one", new byte[] {(byte) 255, 0}, new byte[] {1}, 1, 2);
        Cost flat = (a, y, rows, width, gradient) -> {
            Arrays.fill(gradient, 0, rows * width, 0f);
            return 0;
        };
        Network net = new Network(new int[] {2, 2}, Activation.SIGMOID);
        net.setWeights(1, new float[] {1f, 2f, -1f, 0.5f});
        net.biases(1)[0] = 1f;
        Trainer trainer = sgd(ScalarKernels.INSTANCE, flat, constant(0.1)).weightDecay(0.5).epochs(1).batchSize(1)
                .build();
        trainer.train(net, one, null, one);
        // w <- w - 0.1 * (0 + 0.5 w) = 0.95 w
        assertArrayEquals(new float[] {0.95f, 1.9f, -0.95f, 0.475f}, net.neuronMajorWeights(1), 1e-6f);
        assertEquals(1f, net.biases(1)[0]);
    }

    /** Descends for 8 epochs, then ascends: the validation cost is best around epoch 8. */
    static final LearningRateSchedule DESCEND_THEN_ASCEND = progress -> progress.epoch() < 8 ? 2.0 : -2.0;

    @Test
    void earlyStoppingStopsAfterThePatienceAndKeepsTheBestWeights() {
        Dataset xor = xor();
        Network net = network(new int[] {2, 5, 2}, Activation.SIGMOID, 3);
        Trainer trainer = sgd(ScalarKernels.INSTANCE, QUADRATIC, DESCEND_THEN_ASCEND).epochs(40).batchSize(2)
                .shuffleSeed(3).listener(new EarlyStopping(new EarlyStop("validation-cost", 2))).build();
        TrainingResult result = trainer.train(net, xor, xor, xor);
        assertEquals(TrainingResult.StopReason.EARLY_STOP, result.stopReason());
        // The best epoch, two tolerated epochs without improvement, and the third that stops the run.
        assertEquals(result.keptEpoch() + 1 + 2 + 1, result.epochs().size());
        double best = result.epochs().stream().mapToDouble(EpochResult::validationCost).min().orElseThrow();
        assertEquals(best, result.kept().validationCost());
        Evaluation now = new Evaluator(new Backprop(ScalarKernels.INSTANCE), net, QUADRATIC)
                .evaluate(net, xor);
        assertEquals(best, now.cost(), 1e-12, "the network holds the best epoch's weights");
    }

    private static List<EpochResult> run(Dataset data, long seed, Kernels kernels) {
        List<EpochResult> epochs = new ArrayList<>();
        Trainer trainer = sgd(kernels, QUADRATIC, constant(2.0)).epochs(20).batchSize(2).shuffleSeed(seed)
                .listener((EpochListener) (r, s) -> epochs.add(r)).build();
        trainer.train(network(new int[] {2, 5, 2}, Activation.SIGMOID, seed), data, null, data);
        // Seconds differ between runs; everything else must not.
        return epochs.stream().map(r -> new EpochResult(r.epoch(), r.trainCost(), r.testCost(), r.testAccuracy(),
                r.gradientNorm(), r.learningRate(), 0)).toList();
    }
}
