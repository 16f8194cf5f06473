package dev.descent.kernel;

import java.util.Locale;

/** The activation functions a layer may use ({@code network.activation}). */
public enum Activation {
    SIGMOID, TANH, RELU;

    /** The config name: {@code sigmoid}, {@code tanh}, {@code relu}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
