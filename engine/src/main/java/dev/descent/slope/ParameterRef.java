package dev.descent.slope;

import dev.descent.DescentException;
import dev.descent.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weight or bias of a network, named as {@code layerL.w[j,k]} or {@code layerL.b[j]}. Layers count
 * from 1 (layer 0 is the input and has no parameters). {@code w[j,k]} is the weight from neuron k of
 * layer L-1 (for layer 1: pixel k, row-major) to neuron j of layer L: the first index is the output
 * neuron, the second the input, as in the model file's {@code [outputs, inputs]} tensors and
 * {@link Network#neuronMajorWeights}. {@code b[j]} is neuron j's bias. For a bias {@code input} is -1.
 */
public record ParameterRef(int layer, boolean bias, int neuron, int input) {
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*layer(\\d{1,9})\\.(w|b)\\[\\s*(\\d{1,9})\\s*(?:,\\s*(\\d{1,9})\\s*)?]\\s*");

    /**
     * Parses {@code text} against a network of layer sizes {@code sizes} (input first). A bad name fails
     * with a {@link DescentException} that quotes it and lists the valid ranges.
     */
    public static ParameterRef parse(String text, int[] sizes) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw bad(text, "expected layerL.w[j,k] (weight from input k to neuron j of layer L) or layerL.b[j]",
                    sizes);
        }
        boolean bias = m.group(2).equals("b");
        if (bias && m.group(4) != null) throw bad(text, "a bias has one index, b[j]", sizes);
        if (!bias && m.group(4) == null) throw bad(text, "a weight has two indices, w[j,k]: neuron j, input k", sizes);
        int layer = Integer.parseInt(m.group(1));
        if (layer < 1 || layer >= sizes.length) {
            String why = layer == 0 ? "layer 0 is the input layer and has no weights or biases"
                    : "the network has no layer " + layer;
            throw bad(text, why, sizes);
        }
        int neuron = Integer.parseInt(m.group(3));
        if (neuron >= sizes[layer]) {
            throw bad(text, "layer " + layer + " has neurons 0.." + (sizes[layer] - 1), sizes);
        }
        int input = bias ? -1 : Integer.parseInt(m.group(4));
        if (input >= sizes[layer - 1]) {
            throw bad(text, "layer " + layer + " has inputs 0.." + (sizes[layer - 1] - 1), sizes);
        }
        return new ParameterRef(layer, bias, neuron, input);
    }

    private static DescentException bad(String text, String why, int[] sizes) {
        return new DescentException("invalid --param '" + text + "': " + why + "; valid: " + ranges(sizes));
    }

    /** Every parameter of a network of these sizes, as ranges: {@code layer1.w[0..15,0..783], layer1.b[0..15], ...}. */
    static String ranges(int[] sizes) {
        List<String> parts = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            parts.add("layer" + l + ".w[0.." + (sizes[l] - 1) + ",0.." + (sizes[l - 1] - 1) + "]");
            parts.add("layer" + l + ".b[0.." + (sizes[l] - 1) + "]");
        }
        return String.join(", ", parts);
    }

    /** The parameter's current value in {@code network}. */
    public float get(Network network) {
        return bias ? network.biases(layer)[neuron] : network.weights(layer)[index(network)];
    }

    /** Sets the parameter in {@code network}, in place. */
    public void set(Network network, float value) {
        if (bias) {
            network.biases(layer)[neuron] = value;
        } else {
            network.weights(layer)[index(network)] = value;
        }
    }

    /** Where the weight sits in the network's input-major array, and in a workspace's weight gradient. */
    int index(Network network) {
        return input * network.size(layer) + neuron;
    }

    /** In words: "weight from input 400 to neuron 3 of layer 1". */
    public String describe() {
        return bias ? "bias of neuron " + neuron + " of layer " + layer
                : "weight from input " + input + " to neuron " + neuron + " of layer " + layer;
    }

    @Override
    public String toString() {
        return "layer" + layer + (bias ? ".b[" + neuron + "]" : ".w[" + neuron + "," + input + "]");
    }
}
