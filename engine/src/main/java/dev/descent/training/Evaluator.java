package dev.descent.training;

import dev.descent.data.DataDescription;
import dev.descent.data.Dataset;
import dev.descent.data.samples.Task;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;

/**
 * Runs a network forward over a whole data set and counts what it gets right: the prediction is the
 * output neuron with the highest activation. Reuses its buffers between calls.
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
    private final Workspace ws;
    private final float[] scratch;
    private final int outputs;

    public Evaluator(Backprop backprop, Network network, Cost cost) {
        this.backprop = backprop;
        this.cost = cost;
        this.ws = new Workspace(network.sizes(), BATCH);
        this.outputs = network.size(network.depth() - 1);
        this.scratch = new float[BATCH * outputs];
    }

    public Evaluation evaluate(Network network, Dataset data) {
        if (data.description().task() == Task.REGRESSION) return regression(network, data);
        int[][] confusion = new int[outputs][outputs];
        int correct = 0;
        double totalCost = 0;
        for (int from = 0; from < data.count(); from += BATCH) {
            int m = Math.min(BATCH, data.count() - from);
            Batches.load(backprop.kernels(), data, null, from, m, ws, outputs);
            backprop.forward(network, ws, m, cost);
            float[] out = ws.output();
            totalCost += cost.costAndGradient(out, ws.targets(), m, outputs, scratch);
            for (int s = 0; s < m; s++) {
                int predicted = argmax(out, s * outputs, outputs);
                int actual = data.label(from + s);
                confusion[actual][predicted]++;
                if (predicted == actual) correct++;
            }
        }
        int n = Math.max(1, data.count());
        return new Evaluation((double) correct / n, totalCost / n, confusion);
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
