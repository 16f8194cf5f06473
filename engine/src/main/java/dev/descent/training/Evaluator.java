package dev.descent.training;

import dev.descent.data.DataDescription;
import dev.descent.data.Dataset;
import dev.descent.data.samples.Task;
import dev.descent.kernel.ParallelKernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import java.util.Arrays;

/**
 * Runs a network forward over a whole data set and counts what it gets right: the prediction is the
 * output neuron with the highest activation. Reuses its buffers between calls.
 *
 * <p>With more than one thread, {@link #evaluate} of a classification splits the data set into contiguous
 * runs of whole batches, one per thread, each with a workspace of its own. Every batch is computed as on
 * one thread and the batches' costs are added in batch order afterwards, so the result has the same bits
 * for any thread count. Regressions and {@link #forEachOutput} run on the calling thread.
 */
public final class Evaluator {
    /**
     * Eight of the narrow forward kernel's blocks of 10 rows (the blocks of a training batch of 10, so
     * evaluation runs code that training has compiled), and 10,000 test images in 125 whole batches;
     * small enough that a batch's input rows (784 floats each) stay in L2 beside the first layer's
     * weights. (I1 measured the same, within noise, from 32 to 250 with blocks of 8.)
     */
    public static final int BATCH = 80;

    private final Backprop backprop;
    private final Cost cost;
    private final int outputs;
    private final Part[] parts;

    /** An evaluator on the calling thread. */
    public Evaluator(Backprop backprop, Network network, Cost cost) {
        this(backprop, network, cost, 1);
    }

    /**
     * An evaluator whose classifications run on {@code threads} threads, or on as many as the JVM has
     * processors if that is fewer (a thread more than the cores would wait for one, holding a workspace): the
     * caller and the rest as virtual threads started for each call. Kernels spread over threads of their own
     * ({@link ParallelKernels}) are used through their single-threaded kernels: the data is split instead.
     */
    public Evaluator(Backprop backprop, Network network, Cost cost, int threads) {
        this(backprop, network, cost, threads, Runtime.getRuntime().availableProcessors());
    }

    /** As the public constructor, with {@code processors} for the JVM's count: tests split more ways than cores. */
    Evaluator(Backprop backprop, Network network, Cost cost, int threads, int processors) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.backprop = backprop;
        this.cost = cost;
        this.outputs = network.size(network.depth() - 1);
        this.parts = new Part[Math.min(threads, Math.max(1, processors))];
        Backprop shared = parts.length > 1 && backprop.kernels() instanceof ParallelKernels parallel
                ? new Backprop(parallel.serial()) : backprop;
        for (int t = 0; t < parts.length; t++) parts[t] = new Part(shared, network, outputs);
    }

    /** One thread's share: its own buffers, and what it counted over its batches. */
    private static final class Part {
        final Backprop backprop;
        final Workspace ws;
        final float[] scratch;
        final int[][] confusion;
        int correct;

        Part(Backprop backprop, Network network, int outputs) {
            this.backprop = backprop;
            this.ws = Workspace.forInference(network.sizes(), BATCH);
            this.scratch = new float[BATCH * outputs];
            this.confusion = new int[outputs][outputs];
        }
    }

    public Evaluation evaluate(Network network, Dataset data) {
        if (data.description().task() == Task.REGRESSION) return regression(network, data);
        int batches = (data.count() + BATCH - 1) / BATCH;
        double[] batchCosts = new double[batches];
        int threads = Math.min(parts.length, Math.max(1, batches));
        Thread[] helpers = new Thread[threads - 1];
        Throwable[] failures = new Throwable[threads];
        for (int t = 1; t < threads; t++) {
            Part part = parts[t];
            int index = t, from = batches * t / threads, to = batches * (t + 1) / threads;
            helpers[t - 1] = Thread.ofVirtual().name("descent-evaluate-" + t).start(() -> {
                try {
                    classify(part, network, data, from, to, batchCosts);
                } catch (Throwable e) {
                    failures[index] = e;
                }
            });
        }
        try {
            classify(parts[0], network, data, 0, batches / threads, batchCosts);
        } finally {
            join(helpers);   // even if this thread failed: the helpers write into buffers a next call reuses
        }
        for (Throwable failure : failures) rethrow(failure);
        int[][] confusion = new int[outputs][outputs];
        int correct = 0;
        for (int t = 0; t < threads; t++) {
            Part part = parts[t];
            correct += part.correct;
            for (int actual = 0; actual < outputs; actual++) {
                for (int predicted = 0; predicted < outputs; predicted++) {
                    confusion[actual][predicted] += part.confusion[actual][predicted];
                }
            }
        }
        double totalCost = 0;
        for (double batchCost : batchCosts) totalCost += batchCost;   // in batch order, as on one thread
        int n = Math.max(1, data.count());
        return new Evaluation((double) correct / n, totalCost / n, confusion);
    }

    /** Batches [from, to) of the data set into the part's counts, and each batch's cost into batchCosts. */
    private void classify(Part part, Network network, Dataset data, int from, int to, double[] batchCosts) {
        for (int[] row : part.confusion) Arrays.fill(row, 0);
        part.correct = 0;
        Workspace ws = part.ws;
        for (int batch = from; batch < to; batch++) {
            int first = batch * BATCH;
            int m = Math.min(BATCH, data.count() - first);
            Batches.load(part.backprop.kernels(), data, null, first, m, ws, outputs);
            part.backprop.forward(network, ws, m, cost);
            float[] out = ws.output();
            batchCosts[batch] = cost.costAndGradient(out, ws.targets(), m, outputs, part.scratch);
            for (int s = 0; s < m; s++) {
                int predicted = argmax(out, s * outputs, outputs);
                int actual = data.label(first + s);
                part.confusion[actual][predicted]++;
                if (predicted == actual) part.correct++;
            }
        }
    }

    /**
     * Waits for every helper to end. An interrupt does not cut the wait short (the helpers end within
     * milliseconds, and their buffers are reused by the next call); it is kept for the caller to see.
     */
    private static void join(Thread[] helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** A helper's failure, thrown on the caller's thread as it was thrown. */
    private static void rethrow(Throwable failure) {
        if (failure == null) return;
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        throw new IllegalStateException(failure);
    }

    /**
     * A regression's cost on the targets as trained on (standardised), and its errors with outputs and
     * targets mapped back to the targets' units; sums in double.
     */
    private Evaluation regression(Network network, Dataset data) {
        DataDescription d = data.description();
        double totalCost = 0;
        double squared = 0;
        double absolute = 0;
        double[] sum = new double[outputs];
        double[] sumSquares = new double[outputs];
        float[] predicted = new float[outputs];
        float[] actual = new float[outputs];
        Workspace ws = parts[0].ws;
        float[] scratch = parts[0].scratch;
        for (int from = 0; from < data.count(); from += BATCH) {
            int m = Math.min(BATCH, data.count() - from);
            Batches.load(backprop.kernels(), data, null, from, m, ws, outputs);
            backprop.forward(network, ws, m, cost);
            float[] out = ws.output();
            totalCost += cost.costAndGradient(out, ws.targets(), m, outputs, scratch);
            for (int s = 0; s < m; s++) {
                System.arraycopy(out, s * outputs, predicted, 0, outputs);
                System.arraycopy(ws.targets(), s * outputs, actual, 0, outputs);
                d.toTargetUnits(predicted, 0);
                d.toTargetUnits(actual, 0);
                for (int t = 0; t < outputs; t++) {
                    double e = (double) predicted[t] - actual[t];
                    squared += e * e;
                    absolute += Math.abs(e);
                    sum[t] += actual[t];
                    sumSquares[t] += (double) actual[t] * actual[t];
                }
            }
        }
        int n = Math.max(1, data.count());
        double deviations = 0;
        for (int t = 0; t < outputs; t++) deviations += sumSquares[t] - sum[t] * sum[t] / n;
        double r2 = deviations > 0 ? 1 - squared / deviations : Double.NaN;
        return new Evaluation(Double.NaN, totalCost / n, new int[0][0], Math.sqrt(squared / ((double) n * outputs)),
                absolute / ((double) n * outputs), r2);
    }

    /**
     * Receives one sample's output layer: {@code outputs[offset .. offset + width)}, read-only, valid during
     * the call.
     */
    @FunctionalInterface
    public interface OutputVisitor {
        void visit(int sample, float[] outputs, int offset);
    }

    /**
     * Runs the network forward over every sample of {@code data}, in order, and shows each output layer to
     * {@code visitor}.
     */
    public void forEachOutput(Network network, Dataset data, OutputVisitor visitor) {
        Workspace ws = parts[0].ws;
        for (int from = 0; from < data.count(); from += BATCH) {
            int m = Math.min(BATCH, data.count() - from);
            Batches.load(backprop.kernels(), data, null, from, m, ws, outputs);
            backprop.forward(network, ws, m, cost);
            float[] out = ws.output();
            for (int s = 0; s < m; s++) visitor.visit(from + s, out, s * outputs);
        }
    }

    /** The index of the first highest of {@code values[offset .. offset + length)}, relative to offset. */
    public static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (values[offset + j] > values[offset + best]) best = j;
        }
        return best;
    }
}
