package dev.descent.export;

import dev.descent.DescentException;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model computes from its input, as data for an exporter: an optional per-feature
 * normalisation, then dense layers in order. Independent of the kernels, so that a writer needs
 * nothing but this.
 *
 * @param normalization applied to the raw input before the first layer; null for none
 * @param scaling applied to the last layer's output (a regression's targets back in their units); null
 *     for none
 */
public record ForwardPass(List<DenseLayer> layers, InputNormalization normalization, OutputScaling scaling) {
    /** The built-in cost whose fused output activation is a softmax over each row. */
    static final String SOFTMAX_COST = "softmax-cross-entropy";

    /** A pass without output scaling. */
    public ForwardPass(List<DenseLayer> layers, InputNormalization normalization) {
        this(layers, normalization, null);
    }

    public ForwardPass {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) throw new IllegalArgumentException("a forward pass needs at least one layer");
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + layers.get(l).inputs()
                        + " inputs but layer " + l + " gives " + layers.get(l - 1).outputs());
            }
            if (layers.get(l - 1).activation() == LayerActivation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is only supported on the output layer");
            }
        }
        if (scaling != null && scaling.outputs() != layers.getLast().outputs()) {
            throw new IllegalArgumentException("output scaling of " + scaling.outputs() + " values after a layer of "
                    + layers.getLast().outputs() + " outputs");
        }
        if (normalization != null && normalization.features() != layers.getFirst().inputs()) {
            throw new IllegalArgumentException("normalisation of " + normalization.features()
                    + " features before a layer of " + layers.getFirst().inputs() + " inputs");
        }
    }

    /**
     * The pass {@link dev.descent.network.Backprop#forward} makes: every layer applies the network's
     * activation, except the output layer of a cost that fuses its own (softmax-cross-entropy's
     * softmax). The weights are copied out of the network.
     *
     * @param costName the cost's plugin name, as the model file records it
     * @param normalization the model's recorded input normalisation, or null for none
     * @throws DescentException if the cost fuses an output activation other than the softmax of
     *     softmax-cross-entropy, which no exporter can know
     */
    public static ForwardPass of(Network network, String costName, Cost cost, InputNormalization normalization) {
        int last = network.depth() - 1;
        LayerActivation hidden = LayerActivation.of(network.activation());
        LayerActivation output = LayerActivation.of(network.outputActivation());
        if (cost.fusesOutputActivation()) {
            if (!costName.equals(SOFTMAX_COST)) {
                throw new DescentException("cost '" + costName + "' brings its own output activation, which descent"
                        + " cannot export; only " + SOFTMAX_COST + "'s softmax is known");
            }
            output = LayerActivation.SOFTMAX;
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 1; l <= last; l++) {
            float[] biases = new float[network.size(l)];
            System.arraycopy(network.biases(l), 0, biases, 0, biases.length);
            layers.add(new DenseLayer(network.size(l - 1), network.size(l), network.neuronMajorWeights(l), biases,
                    l == last ? output : hidden));
        }
        return new ForwardPass(layers, normalization, null);
    }

    public int inputs() {
        return layers.getFirst().inputs();
    }

    public int outputs() {
        return layers.getLast().outputs();
    }
}
