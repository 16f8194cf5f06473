package dev.descent.kernel;

import java.util.List;
import java.util.Locale;

/**
 * The activation functions a layer may use: the hidden layers' {@code network.activation} (sigmoid, tanh,
 * relu) and the output layer's {@code network.output-activation}, which may also be {@link #IDENTITY}, the
 * output of a regression.
 */
public enum Activation {
    SIGMOID, TANH, RELU, IDENTITY;

    /** The activations of hidden layers: a network of identity layers would be one linear map. */
    public static final List<Activation> HIDDEN = List.of(SIGMOID, TANH, RELU);

    /** The config name: {@code sigmoid}, {@code tanh}, {@code relu}, {@code identity}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
