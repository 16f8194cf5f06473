package dev.descent.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.spi.Optimizer;
import dev.descent.testing.TestCosts;
import dev.descent.training.listener.Checkpoints;
import dev.descent.training.listener.DivergenceCheck;
import dev.descent.training.listener.GradientNormStop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the trainer announces to its listeners, and in which order: the protocol that early stopping,
 * checkpoints, divergence checks and progress are built on.
 */
class TrainerEventsTest {
    /** 20 samples in batches of 10: two mini-batches per epoch. */
    private final Dataset data = Dataset.synthetic(20, 1);

    /** Writes every event it hears into {@code log}, with where the run was. */
    private static final class Recorder implements TrainingListener {
        final List<String> log = new ArrayList<>();

        @Override
        public void started(RunState run) {
            log.add("started " + run.epoch() + "/" + run.stepInEpoch());
        }

        @Override
        public void batchDone(RunState run) {
            log.add("batch " + run.epoch() + "/" + run.stepInEpoch() + " of " + run.stepsDone());
        }

        @Override
        public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
            log.add("epoch " + result.epoch() + " (" + run.results().size() + " results)");
        }

        @Override
        public void stopRequested(RunState run) {
            log.add("stop requested at " + run.stepsDone());
        }

        @Override
        public void finished(RunState run, TrainingResult.StopReason reason) {
            log.add("finished " + reason);
        }
    }

    private Trainer.Builder trainer(int epochs) {
        return TrainerTest.sgd(ScalarKernels.INSTANCE, TestCosts.QUADRATIC, TrainerTest.constant(0.5))
                .epochs(epochs).batchSize(10).shuffleSeed(2);
    }

    private static Network network() {
        return TrainerTest.network(new int[] {784, 4, 10}, Activation.SIGMOID, 1);
    }

    @Test
    void listenersHearEveryBatchAndEpochInOrder() {
        Recorder recorder = new Recorder();
        TrainingResult result = trainer(2).listener(recorder).build().train(network(), data, null, data);
        assertEquals(List.of("started 0/0", "batch 0/1 of 1", "batch 0/2 of 2", "epoch 0 (1 results)",
                "batch 1/1 of 3", "batch 1/2 of 4", "epoch 1 (2 results)", "finished EPOCHS_DONE"), recorder.log);
        assertEquals(TrainingResult.StopReason.EPOCHS_DONE, result.stopReason());
    }

    @Test
    void aStopFromOutsideEndsTheRunAfterItsMiniBatchAndIsAnnounced() {
        Recorder recorder = new Recorder();
        AtomicInteger polls = new AtomicInteger();
        TrainingResult result = trainer(3).listener(recorder).stopWhen(() -> polls.incrementAndGet() == 3).build()
                .train(network(), data, null, data);
        // Polled after the first batch, at the first epoch's end (an epoch's last batch is not polled: the
        // epoch's end follows), then after the third batch: yes.
        assertEquals(List.of("started 0/0", "batch 0/1 of 1", "batch 0/2 of 2", "epoch 0 (1 results)",
                "batch 1/1 of 3", "stop requested at 3", "finished INTERRUPTED"), recorder.log);
        assertEquals(TrainingResult.StopReason.INTERRUPTED, result.stopReason());
        assertEquals(1, result.epochs().size());
    }

    @Test
    void aStopAskedForDuringTheLastMiniBatchChangesNothing() {
        Recorder recorder = new Recorder();
        boolean[] asked = {false};
        TrainingListener askAtTheLastBatch = new TrainingListener() {
            @Override
            public void batchDone(RunState run) {
                if (run.stepsDone() == 4) asked[0] = true;
            }
        };
        TrainingResult result = trainer(2).listener(askAtTheLastBatch).listener(recorder).stopWhen(() -> asked[0])
                .build().train(network(), data, null, data);
        assertTrue(asked[0]);
        assertEquals(TrainingResult.StopReason.EPOCHS_DONE, result.stopReason(), recorder.log.toString());
        assertTrue(recorder.log.stream().noneMatch(l -> l.startsWith("stop requested")), recorder.log.toString());
    }

    @Test
    void theFirstStopReasonAskedForWinsAndTheRunEndsAfterThatEpoch() {
        Recorder recorder = new Recorder();
        TrainingListener earlyStop = new TrainingListener() {
            @Override
            public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
                run.stop(TrainingResult.StopReason.EARLY_STOP);
            }
        };
        TrainingResult result = trainer(5).listener(earlyStop).listener(new GradientNormStop(1e9))
                .listener(recorder).build().train(network(), data, null, data);
        assertEquals(TrainingResult.StopReason.EARLY_STOP, result.stopReason());
        assertEquals(1, result.epochs().size());
        assertEquals("finished EARLY_STOP", recorder.log.getLast());
    }

    @Test
    void checkpointsAreSavedEveryNEpochsAndOnceWhenAStopFallsOnTheSameEpochEnd() {
        List<TrainingState> saved = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        // Polls: batch 1, epoch 1's end, batch 3, epoch 2's end (stop): the stop lands where the every-2 save is.
        trainer(4).listener(new Checkpoints(2, saved::add)).stopWhen(() -> polls.incrementAndGet() == 4).build()
                .train(network(), data, null, data);
        assertEquals(1, saved.size(), "one save for the epoch end that is both the second and the stop");
        assertEquals(2, saved.getFirst().epoch());
        assertEquals(0, saved.getFirst().stepInEpoch());
        assertEquals(2, saved.getFirst().epochsDone());
    }

    @Test
    void aMidEpochSnapshotHoldsThePositionAndTheEpochsCostSoFar() {
        List<TrainingState> saved = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        Recorder recorder = new Recorder();
        trainer(3).listener(recorder).listener(new Checkpoints(0, saved::add))
                .stopWhen(() -> polls.incrementAndGet() == 3).build().train(network(), data, null, data);
        TrainingState state = saved.getFirst();
        assertEquals(1, state.epoch());
        assertEquals(1, state.stepInEpoch());
        assertTrue(state.costSum() > 0 && Double.isFinite(state.costSum()), "cost so far " + state.costSum());
        assertEquals(1, state.results().size());
    }

    @Test
    void aScaledGradientOptimizerStepsBiasesWithTheSameFactorAsWeights() {
        // A step size of -1 per unit of gradient sum: one batch of one sample moves every bias by minus
        // its gradient; with the per-tensor form of the same step the bits are the same.
        Dataset one = Dataset.synthetic(1, 3);
        Network scaled = network();
        Network perTensor = scaled.copy();
        Optimizer minusOne = (lengths, kernels) -> (Optimizer.ScaledGradient) (rate, scale, step) -> -1f;
        Optimizer minusOneOwn = (lengths, kernels) -> (Optimizer.PerTensor) (tensor, values, gradientSum, length,
                scale, rate, step) -> kernels.axpy(length, -1f, gradientSum, values);
        Trainer.builder(ScalarKernels.INSTANCE, TestCosts.QUADRATIC).schedule(TrainerTest.constant(7))
                .optimizers(() -> minusOne).batchSize(1).build().train(scaled, one, null, one);
        Trainer.builder(ScalarKernels.INSTANCE, TestCosts.QUADRATIC).schedule(TrainerTest.constant(7))
                .optimizers(() -> minusOneOwn).batchSize(1).build().train(perTensor, one, null, one);
        assertTrue(scaled.sameParameters(perTensor));
        assertTrue(!scaled.sameParameters(network()), "the step moved nothing");
    }

    @Test
    void aScheduleThatReturnsNaNIsNamedAsTheFault() {
        Trainer trainer = Trainer.builder(ScalarKernels.INSTANCE, TestCosts.QUADRATIC)
                .schedule(progress -> progress.step() < 2 ? 0.5 : Double.NaN).optimizers(TrainerTest::sgd)
                .epochs(2).batchSize(10).listener(new DivergenceCheck("quadratic (test)", "nan-after-two (test.jar)"))
                .build();
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> trainer.train(network(), data, null, data));
        assertTrue(e.getMessage().contains("schedule nan-after-two (test.jar) returned NaN")
                && e.getMessage().contains("epoch 2, step 3") && !e.getMessage().contains("smaller"), e.getMessage());
    }
}
