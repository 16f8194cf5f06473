package dev.descent.export;

/**
 * One fully connected layer, {@code a = f(x W^T + b)} for a batch {@code x} of shape {@code [N, inputs]}.
 * {@code weights} is neuron-major, shape {@code [outputs, inputs]} ({@code w[j * inputs + k]} connects
 * input k to neuron j), as in the model file; {@code biases} has {@code outputs} values. The arrays are
 * not copied: the caller must not change them while the layer is in use.
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] biases, LayerActivation activation) {
    public DenseLayer {
        if (inputs < 1 || outputs < 1) throw new IllegalArgumentException("a layer needs inputs and outputs: "
                + inputs + " x " + outputs);
        if (weights.length != (long) inputs * outputs) {
            throw new IllegalArgumentException(outputs + " x " + inputs + " weights expected, got " + weights.length);
        }
        if (biases.length != outputs) {
            throw new IllegalArgumentException(outputs + " biases expected, got " + biases.length);
        }
        if (activation == null) throw new IllegalArgumentException("a layer needs an activation (IDENTITY for none)");
    }
}
