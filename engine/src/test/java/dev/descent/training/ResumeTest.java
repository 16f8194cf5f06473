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
import dev.descent.testing.TestCosts;
import dev.descent.training.listener.Checkpoints;
import dev.descent.training.listener.EarlyStopping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        TrainingResult expected = trainer().build().train(whole, train, validation, test);

        Network first = network(1);
        AtomicLong steps = new AtomicLong();
        List<TrainingState> saved = new ArrayList<>();
        TrainingResult stopped = trainer(steps).listener(new Checkpoints(0, saved::add))
                .stopWhen(() -> steps.get() >= stopAfter).build().train(first, train, validation, test);
        assertEquals(TrainingResult.StopReason.INTERRUPTED, stopped.stopReason());
        assertEquals(1, saved.size());

        Path file = dir.resolve("checkpoint-" + stopAfter + ".safetensors");
        write(file, saved.getFirst());
        TrainingState state = Checkpoint.read(file);

        Network resumed = network(99);   // other weights: the checkpoint must replace them
        TrainingResult finished = trainer().listener(new Checkpoints(1, s -> { })).build()
                .resume(state, resumed, train, validation, test);

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
        TrainerTest.sgd(KernelProvider.get(), TestCosts.QUADRATIC, progress -> 0.5).epochs(1).batchSize(10)
                .shuffleSeed(4).listener(new Checkpoints(1, saved::add)).build().train(network, train, null, test);
        TrainingState sgdState = saved.getFirst();
        assertEquals(0, sgdState.optimizerState().size());
        Trainer momentum = trainer().build();
        DescentException e = assertThrows(DescentException.class,
                () -> momentum.resume(sgdState, network(1), train, validation, test));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
    }

    private static void write(Path file, TrainingState state) {
        try {
            Checkpoint.write(file, state, Map.of("seed", "1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Double>> withoutTimes(List<EpochResult> results) {
        return results.stream().map(r -> List.of((double) r.epoch(), r.trainCost(), r.testCost(), r.testAccuracy(),
                r.gradientNorm(), r.learningRate(), r.validationCost(), r.validationAccuracy())).toList();
    }

    private static Network network(long seed) {
        return TrainerTest.network(SIZES, Activation.SIGMOID, seed);
    }

    private Trainer.Builder trainer() {
        return trainer(new AtomicLong());
    }

    /** Counts mini-batches in {@code steps} through the schedule, which is asked once per mini-batch. */
    private Trainer.Builder trainer(AtomicLong steps) {
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
        return Trainer.builder(KernelProvider.get(), TestCosts.QUADRATIC).schedule(halving)
                .optimizers(ResumeTest::momentum).epochs(EPOCHS).batchSize(10).shuffleSeed(5)
                .dropout(new float[] {0, 0.2f, 0}, 6).listener(new EarlyStopping(new EarlyStop("validation-cost", 1)));
    }

    /** Heavy-ball momentum, written here so the engine's tests need no plugins: state to save. */
    private static Optimizer momentum() {
        return new Optimizer() {
            private Kernels kernels;
            private float[][] velocities;

            @Override
            public PerTensor prepare(int[] lengths, Kernels kernels) {
                this.kernels = kernels;
                velocities = new float[lengths.length][];
                for (int i = 0; i < lengths.length; i++) velocities[i] = new float[lengths[i] + Kernels.SLACK];
                return this::step;
            }

            private void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate,
                              long step) {
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
