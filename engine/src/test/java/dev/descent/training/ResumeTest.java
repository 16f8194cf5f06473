package dev.descent.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.config.EarlyStop;
import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.network.Network;
import dev.descent.run.Checkpoint;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Optimizer;
import dev.descent.spi.TrainingProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run stopped after any mini-batch, saved to a checkpoint file, read back and resumed by a fresh
 * trainer, ends with the same bits as a run that never stopped: weights, every epoch's metrics, and
 * the kept epoch. The run uses everything that has state: dropout, an optimizer with velocities, a
 * schedule that reacts to results, early stopping on a validation set.
 */
class ResumeTest {
    private static final int EPOCHS = 4;
    private static final int[] SIZES = {784, 12, 10};

    @TempDir
    Path dir;

    private final Dataset train = Dataset.synthetic(400, 1);
    private final Dataset validation = Dataset.synthetic(100, 2);
    private final Dataset test = Dataset.synthetic(100, 3);

    /** Stop points in mini-batches (40 per epoch): mid first epoch, an epoch's end, mid last epoch. */
    @ParameterizedTest
    @ValueSource(ints = {1, 17, 40, 80, 121, 159})
    void resumingAfterAnyMiniBatchGivesTheUninterruptedRunsBits(int stopAfter) {
        Network whole = network(1);
        TrainingResult expected = trainer().train(whole, train, validation, test, (r, s) -> { });

        Network first = network(1);
        AtomicLong steps = new AtomicLong();
        List<TrainingState> saved = new ArrayList<>();
        RunControl stopping = new RunControl(null, 0, saved::add, () -> steps.get() >= stopAfter,
                (epoch, done, total, cost, seconds) -> { });
        TrainingResult stopped = trainer(steps).train(first, train, validation, test, (r, s) -> { }, stopping);
        assertEquals(TrainingResult.StopReason.INTERRUPTED, stopped.stopReason());
        assertEquals(1, saved.size());

        Path file = dir.resolve("checkpoint-" + stopAfter + ".safetensors");
        write(file, saved.getFirst());
        TrainingState state = Checkpoint.read(file);

        Network resumed = network(99);   // other weights: the checkpoint must replace them
        RunControl resuming = new RunControl(state, 1, s -> { }, () -> false, (epoch, done, total, cost, seconds) -> { });
        TrainingResult finished = trainer().train(resumed, train, validation, test, (r, s) -> { }, resuming);

        assertTrue(whole.sameParameters(resumed), "weights differ after resuming at mini-batch " + stopAfter);
        assertEquals(withoutTimes(expected.epochs()), withoutTimes(finished.epochs()));
        assertEquals(expected.keptEpoch(), finished.keptEpoch());
        assertEquals(expected.stopReason(), finished.stopReason());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aCheckpointFromAnotherOptimizerIsRefused(int arrays) {
        Network network = network(1);
        List<TrainingState> saved = new ArrayList<>();
        new Trainer(KernelProvider.get(), TrainerTest.QUADRATIC, progress -> 0.5, TrainerTest::sgd, 0, 1, 10, 0, null,
                new SplittableRandom(4)).train(network, train, null, test, (r, s) -> { },
                new RunControl(null, 1, saved::add, () -> false, RunControl.Progress.NONE));
        TrainingState sgdState = saved.getFirst();
        assertEquals(0, sgdState.optimizerState().size());
        RunControl resuming = new RunControl(sgdState, 1, s -> { }, () -> false, RunControl.Progress.NONE);
        DescentException e = assertThrows(DescentException.class,
                () -> trainer().train(network(1), train, validation, test, (r, s) -> { }, resuming));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
    }

    private static void write(Path file, TrainingState state) {
        try {
            Checkpoint.write(file, state, Map.of("seed", "1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<List<Double>> withoutTimes(List<EpochResult> results) {
        return results.stream().map(r -> List.of((double) r.epoch(), r.trainCost(), r.testCost(), r.testAccuracy(),
                r.gradientNorm(), r.learningRate(), r.validationCost(), r.validationAccuracy())).toList();
    }

    private static Network network(long seed) {
        return TrainerTest.network(SIZES, Activation.SIGMOID, seed);
    }

    private Trainer trainer() {
        return trainer(new AtomicLong());
    }

    /** Counts mini-batches in {@code steps} through the schedule, which is asked once per mini-batch. */
    private Trainer trainer(AtomicLong steps) {
        LearningRateSchedule halving = new LearningRateSchedule() {
            private double rate = 2.0;

            @Override
            public double rate(TrainingProgress progress) {
                steps.incrementAndGet();
                return rate;
            }

            @Override
            public void epochEnded(EpochResult result) {
                if (result.validationAccuracy() < 0.5) rate *= 0.5;   // a schedule whose state results drive
            }
        };
        return new Trainer(KernelProvider.get(), TrainerTest.QUADRATIC, halving, ResumeTest::momentum, 0, EPOCHS, 10, 0,
                new EarlyStop("validation-cost", 1), new SplittableRandom(5), new float[] {0, 0.2f, 0},
                new SplittableRandom(6));
    }

    /** Heavy-ball momentum, written here so the engine's tests need no plugins: state to save. */
    private static Optimizer momentum() {
        return new Optimizer() {
            private Kernels kernels;
            private float[][] velocities;

            @Override
            public void prepare(int[] lengths, Kernels kernels) {
                this.kernels = kernels;
                velocities = new float[lengths.length][];
                for (int i = 0; i < lengths.length; i++) velocities[i] = new float[lengths[i] + Kernels.SLACK];
            }

            @Override
            public void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step) {
                float[] v = velocities[tensor];
                for (int i = 0; i < length; i++) v[i] = 0.9f * v[i] - (float) rate * scale * gradientSum[i];
                kernels.axpy(length, 1f, v, values);
            }

            @Override
            public List<float[]> state() {
                return List.of(velocities);
            }
        };
    }
}
