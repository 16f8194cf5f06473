package dev.descent.gradcheck;

import dev.descent.kernel.Activation;
import dev.descent.network.Network;

/**
 * The network's forward pass in float64, one sample at a time: the reference that finite differences
 * are taken of. The output layer's activation is left to the cost when the cost fuses it, so the
 * reference's output is then the weighted input z, as the fused cost's gradient is dC/dz.
 */
final class ReferenceNetwork {
    private final int[] sizes;
    private final Activation activation;
    private final Activation output;
    private final boolean fusedOutput;
    private final double[][] weights;   // index l, input-major as in Network: w[k * out + j]
    private final double[][] biases;
    private final double[][] z;         // scratch for perturbed passes
    private final double[][] a;

    /** One forward pass: the weighted inputs and activations of every layer (layer 0: the input). */
    record Pass(double[][] z, double[][] a) {
    }

    ReferenceNetwork(Network network, boolean fusedOutput) {
        this.sizes = network.sizes();
        this.activation = network.activation();
        this.output = network.outputActivation();
        this.fusedOutput = fusedOutput;
        int depth = sizes.length;
        weights = new double[depth][];
        biases = new double[depth][];
        z = new double[depth][];
        a = new double[depth][];
        for (int l = 1; l < depth; l++) {
            weights[l] = new double[sizes[l - 1] * sizes[l]];
            biases[l] = new double[sizes[l]];
            for (int i = 0; i < weights[l].length; i++) weights[l][i] = network.weights(l)[i];
            for (int j = 0; j < sizes[l]; j++) biases[l][j] = network.biases(l)[j];
            z[l] = new double[sizes[l]];
            a[l] = new double[sizes[l]];
        }
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The forward pass of the sample in {@code input} from {@code offset}. */
    Pass forward(float[] input, int offset) {
        int depth = sizes.length;
        double[][] pz = new double[depth][];
        double[][] pa = new double[depth][];
        pa[0] = new double[sizes[0]];
        for (int k = 0; k < sizes[0]; k++) pa[0][k] = input[offset + k];
        for (int l = 1; l < depth; l++) {
            pz[l] = new double[sizes[l]];
            pa[l] = new double[sizes[l]];
            layer(l, pa[l - 1], pz[l], pa[l]);
        }
        return new Pass(pz, pa);
    }

    /** What the cost reads: the output activations, or the output's weighted inputs for a fused cost. */
    double[] costInput(Pass pass) {
        int last = sizes.length - 1;
        return fusedOutput ? pass.z()[last] : pass.a()[last];
    }

    /**
     * The cost's input after the weighted input of neuron {@code j} of layer {@code l} moves by
     * {@code dz} (what a weight or bias of that neuron moving does), written to {@code out}; the layers
     * below {@code l} do not change, so only the layers from {@code l} up are computed again. Returns
     * false, leaving {@code out} undefined, when a ReLU neuron changes side of its kink on the way.
     */
    boolean perturbed(Pass base, int l, int j, double dz, double[] out) {
        int last = sizes.length - 1;
        double zj = base.z()[l][j] + dz;
        boolean fusedHere = l == last && fusedOutput;
        if (kinks(l) && !fusedHere && (zj > 0) != (base.z()[l][j] > 0)) return false;
        if (l == last) {
            System.arraycopy(costInput(base), 0, out, 0, out.length);
            out[j] = fusedOutput ? zj : f(at(l), zj);
            return true;
        }
        // Layer l + 1: only input j changed, by da; z is linear in it.
        double da = f(at(l), zj) - base.a()[l][j];
        int n = sizes[l + 1];
        double[] w = weights[l + 1];
        for (int i = 0; i < n; i++) {
            z[l + 1][i] = base.z()[l + 1][i] + w[j * n + i] * da;
            boolean crossed = (z[l + 1][i] > 0) != (base.z()[l + 1][i] > 0);
            if (kinks(l + 1) && !(l + 1 == last && fusedOutput) && crossed) return false;
            a[l + 1][i] = f(at(l + 1), z[l + 1][i]);
        }
        for (int m = l + 2; m <= last; m++) {
            layer(m, a[m - 1], z[m], a[m]);
            if (kinks(m) && !(m == last && fusedOutput)) {
                for (int i = 0; i < sizes[m]; i++) if ((z[m][i] > 0) != (base.z()[m][i] > 0)) return false;
            }
        }
        System.arraycopy(fusedOutput ? z[last] : a[last], 0, out, 0, out.length);
        return true;
    }

    private void layer(int l, double[] in, double[] zl, double[] al) {
        int inputs = sizes[l - 1];
        int n = sizes[l];
        double[] w = weights[l];
        System.arraycopy(biases[l], 0, zl, 0, n);
        for (int k = 0; k < inputs; k++) {
            double x = in[k];
            if (x == 0) continue;
            for (int j = 0; j < n; j++) zl[j] += x * w[k * n + j];
        }
        boolean fusedHere = l == sizes.length - 1 && fusedOutput;
        for (int j = 0; j < n; j++) al[j] = fusedHere ? zl[j] : f(at(l), zl[j]);
    }

    /** Layer l's activation: the output layer's own, else the hidden layers'. */
    private Activation at(int l) {
        return l == sizes.length - 1 ? output : activation;
    }

    private boolean kinks(int l) {
        return at(l) == Activation.RELU;
    }

    private static double f(Activation g, double x) {
        return switch (g) {
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(0, x);
            case IDENTITY -> x;
        };
    }
}
