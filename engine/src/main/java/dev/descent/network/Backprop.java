package dev.descent.network;

import dev.descent.kernel.Kernels;
import dev.descent.spi.Cost;
import java.util.Arrays;

/**
 * Forward and backward passes of a mini-batch, expressed in kernel calls. Stateless apart from its
 * collaborators; all buffers live in the {@link Workspace}.
 */
public final class Backprop {
    private final Kernels kernels;

    public Backprop(Kernels kernels) {
        this.kernels = kernels;
    }

    public Kernels kernels() {
        return kernels;
    }

    /**
     * a[l] = f(a[l-1] * w[l] + b[l]) for every layer, for the first {@code m} rows of the input; the
     * output layer uses the cost's own activation when the cost fuses it. The first layer skips the zero
     * inputs ({@link Kernels#gemmSparse}).
     */
    public void forward(Network network, Workspace ws, int m, Cost cost) {
        forward(network, ws, m, cost, null, false);
    }

    /**
     * The training forward pass: as {@link #forward(Network, Workspace, int, Cost)}, with dropout if not
     * null, and it marks the inputs that are zero in every row for {@link #backwardAndStep}.
     */
    public void forward(Network network, Workspace ws, int m, Cost cost, Dropout dropout) {
        forward(network, ws, m, cost, dropout, true);
    }

    private void forward(Network network, Workspace ws, int m, Cost cost, Dropout dropout, boolean training) {
        int last = network.depth() - 1;
        for (int l = 1; l <= last; l++) {
            int in = network.size(l - 1);
            int out = network.size(l);
            float[] z = ws.activations[l];
            if (l == 1) {
                // Inputs are often mostly zeros (81% of MNIST's pixels): the first layer skips them. The
                // marks of the inputs zero in the whole batch are needed by the training step; inference
                // goes without them (batches of 64 Fashion images leave nearly no input zero in all of
                // them, and marking them cost I1 15%).
                long[] marks = training ? ws.nonzeroInputs : null;
                if (training) kernels.nonzeroColumns(m, in, ws.activations[0], marks);
                kernels.gemmSparse(m, out, in, network.biases(1), ws.activations[0], marks, network.weights(1), z);
            } else {
                kernels.broadcastRows(m, out, network.biases(l), z);
                kernels.gemm(m, out, in, ws.activations[l - 1], network.weights(l), z);
            }
            if (l == last && cost.fusesOutputActivation()) {
                cost.activateOutput(z, m, out, z);
            } else {
                kernels.activate(l == last ? network.outputActivation() : network.activation(), m * out, z, z);
                if (dropout != null && dropout.active(l)) dropout.apply(l, z, m * out);
            }
        }
    }

    /**
     * Back-propagates the cost of the first {@code m} rows after {@link #forward}: fills the workspace's
     * gradient sums and returns the cost summed over the rows.
     */
    public double backward(Network network, Workspace ws, int m, Cost cost) {
        return backward(network, ws, m, cost, null);
    }

    /** The backward pass after a forward pass that used {@code dropout} (may be null). */
    public double backward(Network network, Workspace ws, int m, Cost cost, Dropout dropout) {
        return backward(network, ws, m, cost, dropout, 0f, null, 0f);
    }

    /**
     * The backward pass with plain gradient descent fused into it, after the training forward pass: each layer's
     * weights take the step {@code w += step * g} and {@code weightSums[l] += sumScale * g} as soon as the error below
     * them has been propagated, where g is the weight gradient summed over the batch; g is never stored. The biases'
     * gradient sums are left in the workspace as by {@link #backward}. Gives the same bits as {@link #backward}
     * followed by the two axpy steps per weight matrix, except that the first layer's weights from inputs that are zero
     * in every row of the batch are not touched (the axpy steps add their zero gradient: the same bits unless a weight
     * or sum is a zero, whose sign may change).
     */
    public double backwardAndStep(Network network, Workspace ws, int m, Cost cost, Dropout dropout,
                                  float sumScale, float[][] weightSums, float step) {
        return backward(network, ws, m, cost, dropout, sumScale, weightSums, step);
    }

    private double backward(Network network, Workspace ws, int m, Cost cost, Dropout dropout,
                            float sumScale, float[][] weightSums, float step) {
        if (!ws.hasGradients()) {
            throw new IllegalArgumentException("a forward-only workspace (Workspace.forInference) has no gradients");
        }
        int last = network.depth() - 1;
        int outputs = network.size(last);
        float[] delta = ws.deltas[last];
        double batchCost = cost.costAndGradient(ws.activations[last], ws.targets, m, outputs, delta);
        if (!cost.fusesOutputActivation()) {
            kernels.multiplyByDerivative(network.outputActivation(), m * outputs, ws.activations[last], delta);
        }
        for (int l = last; l >= 1; l--) {
            int in = network.size(l - 1);
            int out = network.size(l);
            float[] gb = ws.biasGradients[l];
            Arrays.fill(gb, 0f);
            kernels.sumRows(m, out, ws.deltas[l], gb);
            // The error below is propagated through the weights before they take a fused step.
            if (l > 1) {
                float[] previous = ws.deltas[l - 1];
                Arrays.fill(previous, 0, m * in, 0f);
                kernels.gemmTransB(m, out, in, ws.deltas[l], network.weights(l), previous);
                if (dropout != null && dropout.active(l - 1)) {
                    dropout.backward(l - 1, ws.activations[l - 1], previous, m * in);
                }
                kernels.multiplyByDerivative(network.activation(), m * in, ws.activations[l - 1], previous);
            }
            if (weightSums != null && l == 1) {
                // The weights from inputs that are zero in the whole batch have a zero gradient: not touched.
                kernels.gemmTransAStepSparse(m, out, in, ws.activations[0], ws.nonzeroInputs, ws.deltas[1],
                        sumScale, weightSums[1], step, network.weights(1));
            } else if (weightSums != null) {
                kernels.gemmTransAStep(m, out, in, ws.activations[l - 1], ws.deltas[l], sumScale, weightSums[l],
                        step, network.weights(l));
            } else {
                float[] gw = ws.weightGradients[l];
                Arrays.fill(gw, 0f);
                kernels.gemmTransA(m, out, in, ws.activations[l - 1], ws.deltas[l], gw);
            }
        }
        return batchCost;
    }
}
