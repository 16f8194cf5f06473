package dev.descent.export;

import dev.descent.kernel.Activation;

/** What a layer applies to its weighted inputs, with the ONNX operator (opset 13) that computes it. */
public enum LayerActivation {
    SIGMOID("Sigmoid"),
    TANH("Tanh"),
    RELU("Relu"),
    /** The weighted inputs themselves: no node. */
    IDENTITY(null),
    /** Row by row, over the layer's outputs (ONNX {@code Softmax} with {@code axis = 1}). */
    SOFTMAX("Softmax");

    private final String operator;

    LayerActivation(String operator) {
        this.operator = operator;
    }

    /** The ONNX operator's name, or null for {@link #IDENTITY}. */
    String operator() {
        return operator;
    }

    /** The same function as a network's hidden-layer activation. */
    public static LayerActivation of(Activation activation) {
        return switch (activation) {
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case IDENTITY -> IDENTITY;
        };
    }
}
