package dev.descent.network;

import dev.descent.kernel.Kernels;

/**
 * The buffers one mini-batch of up to {@code capacity} samples flows through, allocated once per
 * network and batch size so that the training loop allocates nothing. For each layer l:
 * {@code activations[l]} is {@code capacity x sizes[l]} (layer 0 holds the input pixels as floats),
 * {@code deltas[l]} is dC/dz of the same shape, and {@code weightGradients[l]}/{@code biasGradients[l]}
 * have the shapes of the parameters and hold sums over the batch; {@code nonzeroInputs} marks the inputs
 * that are nonzero in some row of the batch ({@link Kernels#nonzeroColumns}). Every float array has
 * {@link Kernels#SLACK} floats of unused room at its end.
 */
public final class Workspace {
    final int capacity;
    final float[][] activations;
    final float[][] deltas;
    final float[][] weightGradients;
    final float[][] biasGradients;
    final float[] targets;
    final long[] nonzeroInputs;

    public Workspace(int[] sizes, int capacity) {
        this(sizes, capacity, true);
    }

    /**
     * Buffers for forward passes only: activations, targets and input marks, without the deltas and
     * gradients that {@link Backprop#backward} needs (for 784-512-512-10, 2.7 MB of weight gradients an
     * evaluation never touches). {@link Backprop#backward} refuses it.
     */
    public static Workspace forInference(int[] sizes, int capacity) {
        return new Workspace(sizes, capacity, false);
    }

    private Workspace(int[] sizes, int capacity, boolean gradients) {
        this.capacity = capacity;
        int depth = sizes.length;
        activations = new float[depth][];
        deltas = new float[depth][];
        weightGradients = new float[depth][];
        biasGradients = new float[depth][];
        for (int l = 0; l < depth; l++) {
            activations[l] = new float[capacity * sizes[l] + Kernels.SLACK];
            if (l > 0 && gradients) {
                deltas[l] = new float[capacity * sizes[l] + Kernels.SLACK];
                weightGradients[l] = new float[sizes[l - 1] * sizes[l] + Kernels.SLACK];
                biasGradients[l] = new float[sizes[l] + Kernels.SLACK];
            }
        }
        targets = new float[capacity * sizes[depth - 1] + Kernels.SLACK];
        nonzeroInputs = new long[(sizes[0] + 63) / 64];
    }

    /** Whether {@link Backprop#backward} can run on these buffers (not made by {@link #forInference}). */
    public boolean hasGradients() {
        return deltas.length > 1 && deltas[1] != null;
    }

    public int capacity() {
        return capacity;
    }

    /** The input rows, {@code capacity x sizes[0]}: fill before {@link Backprop#forward}. */
    public float[] input() {
        return activations[0];
    }

    /** The output layer's activations after {@link Backprop#forward}. */
    public float[] output() {
        return activations[activations.length - 1];
    }

    /** Layer l's activations, {@code capacity x sizes[l]} (layer 0 is the input): the live array. */
    public float[] activations(int layer) {
        return activations[layer];
    }

    /** The target rows, {@code capacity x outputs}: fill before {@link Backprop#backward}. */
    public float[] targets() {
        return targets;
    }

    /** Sum over the last batch of dC/dw for layer l, input-major. */
    public float[] weightGradient(int layer) {
        return weightGradients[layer];
    }

    /** Sum over the last batch of dC/db for layer l. */
    public float[] biasGradient(int layer) {
        return biasGradients[layer];
    }
}
