package dev.descent.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.testing.TestCosts;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Evaluation on several threads splits the data set into runs of batches: it must report exactly what
 * one thread reports (the cost to the last bit, every cell of the confusion matrix), whatever the
 * number of samples against the batch size and the thread count, and a failure on a helper thread must
 * reach the caller.
 */
class EvaluatorTest {
    private static final int[] W1 = {784, 16, 16, 10};

    @Test
    void anyThreadCountGivesTheBitsOfOneThread() {
        Network network = TrainerTest.network(W1, Activation.SIGMOID, 7);
        Backprop backprop = new Backprop(KernelProvider.get());
        // Whole batches, a last short batch, fewer batches than threads, a single sample.
        for (int count : new int[] {Evaluator.BATCH * 25, 1_001, Evaluator.BATCH + 3, 1}) {
            Dataset data = Dataset.synthetic(count, count);
            Evaluation one = new Evaluator(backprop, network, TestCosts.QUADRATIC).evaluate(network, data);
            for (int threads : new int[] {2, 3, 8}) {
                // As many parts as threads, whatever the cores: 3 parts of 2 batches is a split too.
                Evaluator evaluator = new Evaluator(backprop, network, TestCosts.QUADRATIC, threads, threads);
                Evaluation many = evaluator.evaluate(network, data);
                String what = count + " samples on " + threads + " threads";
                assertEquals(Double.doubleToRawLongBits(one.cost()), Double.doubleToRawLongBits(many.cost()), what);
                assertEquals(one.accuracy(), many.accuracy(), what);
                assertArrayEquals(one.confusion(), many.confusion(), what);
            }
        }
    }

    @Test
    void anEvaluatorCanBeCalledAgainAndWithKernelsThatSplitProducts() {
        Network network = TrainerTest.network(W1, Activation.SIGMOID, 8);
        Dataset data = Dataset.synthetic(2_000, 11);
        Evaluation one = new Evaluator(new Backprop(KernelProvider.get()), network, TestCosts.QUADRATIC)
                .evaluate(network, data);
        try (ParallelKernels split = new ParallelKernels(KernelProvider.get(), 2, 0)) {
            Evaluator evaluator = new Evaluator(new Backprop(split), network, TestCosts.QUADRATIC, 2, 2);
            for (int call = 0; call < 3; call++) {
                Evaluation again = evaluator.evaluate(network, data);   // counts start from zero each call
                assertEquals(one.cost(), again.cost());
                assertArrayEquals(one.confusion(), again.confusion());
            }
        }
        int total = 0;
        for (int[] row : one.confusion()) for (int cell : row) total += cell;
        assertEquals(2_000, total);
    }

    @Test
    void aFailureOnAHelperThreadIsThrownToTheCaller() {
        Network network = TrainerTest.network(W1, Activation.SIGMOID, 9);
        Dataset data = Dataset.synthetic(Evaluator.BATCH * 4, 12);
        AtomicInteger helperCalls = new AtomicInteger();
        IllegalStateException planted = new IllegalStateException("planted");
        Cost failsOnHelpers = (activations, targets, rows, width, gradient) -> {
            // The caller is a platform thread; the evaluator's helpers are virtual threads.
            if (Thread.currentThread().isVirtual()) {
                helperCalls.incrementAndGet();
                throw planted;
            }
            return TestCosts.QUADRATIC.costAndGradient(activations, targets, rows, width, gradient);
        };
        Evaluator evaluator = new Evaluator(new Backprop(KernelProvider.get()), network, failsOnHelpers, 2, 2);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> evaluator.evaluate(network, data));
        assertSame(planted, thrown);
        assertEquals(1, helperCalls.get());
    }
}
