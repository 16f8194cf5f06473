package dev.descent.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.testing.TestCosts;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's stopping rule on a fake clock: each step advances the clock by what a script says
 * that step takes, so the rule is tested on exact step times, not on this machine's timing.
 */
class WarmUpTest {
    private static final long MICROSECOND = 1_000L;
    private static final long SECOND = 1_000_000_000L;

    /**
     * Steps that take {@code nanosForStep.applyAsLong(step index)} on the fake clock, while the JIT's
     * total compilation time after a step is {@code jitAfterStep.applyAsLong(step index)} milliseconds.
     */
    private static final class FakeRun {
        long now;
        long steps;
        long jit;

        double run(int minSteps, double maxSeconds, LongUnaryOperator nanosForStep, LongUnaryOperator jitAfterStep) {
            WarmUp warmUp = new WarmUp(minSteps, maxSeconds, () -> now, () -> jit);
            return warmUp.run(() -> {
                now += nanosForStep.applyAsLong(steps);
                jit = jitAfterStep.applyAsLong(steps);
                steps++;
            });
        }
    }

    private static final LongUnaryOperator JIT_IDLE = step -> 0;

    @Test
    void neverStepsMoreThanTheRunItselfWould() {
        // A run of 40 mini-batches, while the JIT keeps compiling: warming up longer than the run only
        // delays it, so the cap ends the warm-up whatever the other rules say.
        FakeRun fake = new FakeRun();
        long[] now = {0};
        long[] jit = {0};
        WarmUp warmUp = new WarmUp(3000, 10, () -> now[0], () -> jit[0]).atMost(40);
        warmUp.run(() -> {
            now[0] += 100 * MICROSECOND;
            jit[0] += 1;
            fake.steps++;
        });
        assertEquals(40, fake.steps);
        assertEquals(40, new WarmUp(3000, 10, () -> 0, () -> 0).atMost(80).atMost(40).maxSteps());
    }

    @Test
    void keepsGoingWhileTheJitIsStillCompilingThoughStepTimesLookFlat() {
        // 5,000 interpreted steps of 100 us (0.5 s) while compilations finish one after another, then
        // compiled steps of 10 us: the 3,000 steps are done long before, and the flat interpreted rounds
        // must not count as warm.
        FakeRun fake = new FakeRun();
        double seconds = fake.run(3000, 10, step -> step < 5000 ? 100 * MICROSECOND : 10 * MICROSECOND,
                step -> Math.min(step, 5000) / 10);
        assertTrue(fake.steps > 5000, "stopped at step " + fake.steps + ", before compilation ended");
        // Then it waits until the speed-up has left the window, the last quarter of the warm-up: ~0.7 s.
        assertTrue(seconds > 0.6 && seconds < 0.8, seconds + " s");
    }

    @Test
    void stopsSoonAfterTheMinimumStepsWhenStepTimesAreFlatAndTheJitIdle() {
        FakeRun fake = new FakeRun();
        double seconds = fake.run(3000, 10, step -> 10 * MICROSECOND, JIT_IDLE);
        // 3,000 steps take 30 ms; four 20 ms rounds show that nothing gets faster.
        assertTrue(fake.steps >= 3000 && seconds < 0.15, fake.steps + " steps, " + seconds + " s");
    }

    @Test
    void slowerRoundsFromOtherWorkOnTheMachineDoNotKeepItGoing() {
        // Every third 2,000 steps run twice as slow (another process took the core): slower is not faster.
        FakeRun fake = new FakeRun();
        double seconds = fake.run(0, 10, step -> (step / 2000) % 3 == 2 ? 20 * MICROSECOND : 10 * MICROSECOND,
                JIT_IDLE);
        assertTrue(seconds < 0.3, seconds + " s");
    }

    @Test
    void keepsGoingWhileStepsGetFaster() {
        // Each 20 ms round's steps are 20% faster than the last's, down to 10 us from the 40th round on.
        FakeRun fake = new FakeRun();
        double seconds = fake.run(0, 10, step -> {
            long round = Math.min(40, fake.now / WarmUp.ROUND_NANOS);
            return (long) (10 * MICROSECOND * Math.pow(1.25, 40 - round));
        }, JIT_IDLE);
        assertTrue(seconds > 0.8, "stopped after " + seconds + " s while steps still got faster");
        assertTrue(seconds < 1.5, seconds + " s");
    }

    @Test
    void neverRunsPastItsBoundWhileTheJitKeepsCompiling() {
        FakeRun fake = new FakeRun();
        double seconds = fake.run(0, 2.0, step -> 10 * MICROSECOND, step -> step / 100);
        assertTrue(seconds >= 2.0 && seconds < 2.0 + 0.001, seconds + " s");
        assertEquals(2 * SECOND, fake.now, 1_000_000);
    }

    @Test
    void aQuietJitBeforeTheMinimumStepsIsNotWarm() {
        // 40 ms steps, flat, the JIT idle: C2 has not yet been called on, so 3,000 steps must come first,
        // unless the bound comes before them.
        FakeRun fake = new FakeRun();
        double seconds = fake.run(3000, 10, step -> 40_000 * MICROSECOND, JIT_IDLE);
        assertTrue(seconds >= 10 && seconds < 10.05, seconds + " s");
        FakeRun faster = new FakeRun();
        faster.run(3000, 1000, step -> 40_000 * MICROSECOND, JIT_IDLE);
        assertTrue(faster.steps >= 3000 && faster.steps < 3010, faster.steps + " steps");
    }

    @Test
    void aZeroBoundDoesNoWarmUp() {
        FakeRun fake = new FakeRun();
        assertEquals(0, fake.run(3000, 0, step -> MICROSECOND, JIT_IDLE));
        assertEquals(0, fake.steps);
    }

    @Test
    void resultsDoNotDependOnTheWarmUp() {
        Dataset data = Dataset.synthetic(200, 7);
        List<EpochResult> cold = train(data, WarmUp.none());
        List<EpochResult> warm = train(data, new WarmUp(500, 10, System::nanoTime, () -> 0));
        assertEquals(cold, warm);
    }

    private static List<EpochResult> train(Dataset data, WarmUp warmUp) {
        Network network = TrainerTest.network(new int[] {784, 8, 10}, Activation.SIGMOID, 3);
        Trainer trainer = TrainerTest.sgd(ScalarKernels.INSTANCE, TestCosts.QUADRATIC, TrainerTest.constant(1.0))
                .epochs(2).batchSize(10).shuffleSeed(4).dropout(new float[] {0, 0.3f, 0}, 5).build();
        trainer.warmUp(network, data, warmUp);
        return trainer.train(network, data, null, data).epochs().stream()
                .map(r -> new EpochResult(r.epoch(), r.trainCost(), r.testCost(), r.testAccuracy(), r.gradientNorm(),
                        r.learningRate(), 0))
                .toList();
    }
}
