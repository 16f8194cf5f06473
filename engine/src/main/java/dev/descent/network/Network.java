package dev.descent.network;

import dev.descent.kernel.Activation;
import dev.descent.kernel.Kernels;
import dev.descent.spi.Initializer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The parameters of a fully connected network: for each layer l in 1..L, weights (input-major,
 * {@code sizes[l-1] x sizes[l]}) and biases ({@code sizes[l]}). Mutable: training updates the arrays in
 * place.
 */
public final class Network {
    private final int[] sizes;
    private final Activation activation;
    private final float[][] weights;   // index l - 1 for layer l
    private final float[][] biases;

    public Network(int[] sizes, Activation activation) {
        if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least two layers");
        this.sizes = sizes.clone();
        this.activation = activation;
        this.weights = new float[sizes.length - 1][];
        this.biases = new float[sizes.length - 1][];
        for (int l = 1; l < sizes.length; l++) {
            weights[l - 1] = new float[sizes[l - 1] * sizes[l] + Kernels.SLACK];
            biases[l - 1] = new float[sizes[l] + Kernels.SLACK];
        }
    }

    /** A new network whose weights and biases are drawn layer by layer, weights first, from one generator. */
    public static Network initialize(int[] sizes, Activation activation, Initializer weightInit,
                                     Initializer biasInit, RandomGenerator random) {
        Network network = new Network(sizes, activation);
        for (int l = 1; l < sizes.length; l++) {
            int fanIn = sizes[l - 1];
            int fanOut = sizes[l];
            float[] neuronMajor = new float[fanIn * fanOut];
            weightInit.initialize(neuronMajor, fanIn, fanOut, random);
            network.setWeights(l, neuronMajor);
            float[] biases = new float[fanOut];
            biasInit.initialize(biases, fanIn, fanOut, random);
            System.arraycopy(biases, 0, network.biases[l - 1], 0, fanOut);
        }
        return network;
    }

    /** Number of layers counting the input layer (4 for 784-16-16-10). */
    public int depth() {
        return sizes.length;
    }

    public int size(int layer) {
        return sizes[layer];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public Activation activation() {
        return activation;
    }

    /** Layer l's weights, input-major; the live array, {@link Kernels#SLACK} longer than the matrix. */
    public float[] weights(int layer) {
        return weights[layer - 1];
    }

    /** Layer l's biases; the live array, {@link Kernels#SLACK} longer than the layer. */
    public float[] biases(int layer) {
        return biases[layer - 1];
    }

    public long parameterCount() {
        long count = 0;
        for (int l = 1; l < sizes.length; l++) count += (long) (sizes[l - 1] + 1) * sizes[l];
        return count;
    }

    /** Layer l's weights in neuron-major order, {@code w[j * inputs + k]}: a copy. */
    public float[] neuronMajorWeights(int layer) {
        int in = sizes[layer - 1];
        int out = sizes[layer];
        float[] src = weights[layer - 1];
        float[] dst = new float[in * out];
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) dst[j * in + k] = src[k * out + j];
        }
        return dst;
    }

    /** Sets layer l's weights from neuron-major order, {@code w[j * inputs + k]}. */
    public void setWeights(int layer, float[] neuronMajor) {
        int in = sizes[layer - 1];
        int out = sizes[layer];
        if (neuronMajor.length != in * out) throw new IllegalArgumentException("expected " + in * out + " weights");
        float[] dst = weights[layer - 1];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) dst[k * out + j] = neuronMajor[j * in + k];
        }
    }

    public Network copy() {
        Network c = new Network(sizes, activation);
        c.copyFrom(this);
        return c;
    }

    /** Overwrites every parameter with {@code other}'s; the two must have the same layers. */
    public void copyFrom(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) throw new IllegalArgumentException("different layers");
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /** True when every parameter has the same bits as in {@code other} (the slack after them aside). */
    public boolean sameParameters(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) return false;
        for (int l = 1; l < sizes.length; l++) {
            int n = sizes[l - 1] * sizes[l];
            if (!Arrays.equals(weights[l - 1], 0, n, other.weights[l - 1], 0, n)
                    || !Arrays.equals(biases[l - 1], 0, sizes[l], other.biases[l - 1], 0, sizes[l])) {
                return false;
            }
        }
        return true;
    }
}
