package dev.descent.config;

import dev.descent.kernel.Activation;
import java.util.List;

/** {@code network.layers} (neurons per layer, input first) and {@code network.activation}. */
public record NetworkConfig(List<Integer> layers, Activation activation) {
    public NetworkConfig {
        layers = List.copyOf(layers);
    }

    /** Weights and biases: sum over layers of (inputs + 1) * outputs. */
    public long parameterCount() {
        long count = 0;
        for (int l = 1; l < layers.size(); l++) count += (long) (layers.get(l - 1) + 1) * layers.get(l);
        return count;
    }
}
