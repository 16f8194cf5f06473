package dev.descent.config;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import java.util.List;

/** {@code network.layers} (neurons per layer, input first) and {@code network.activation}. */
public record NetworkConfig(List<Integer> layers, Activation activation) {
    public NetworkConfig {
        layers = List.copyOf(layers);
    }

    /** Buffers per parameter while training: weights, batch gradient, epoch gradient, a copy for the file. */
    private static final int FLOATS_PER_PARAMETER = 4;

    /**
     * Fails, before anything is allocated, when training this network would need more than half the
     * memory the JVM may use; the message says how much it would need. {@code where} ends the
     * subject, e.g. {@code " in configs/seed.yaml"}.
     */
    public void requireTrainingMemory(String where) {
        long needed = parameterCount() * Float.BYTES * FLOATS_PER_PARAMETER;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available / 2) {
            throw new DescentException("network.layers " + layers + where + " has " + parameterCount()
                    + " parameters; training needs about " + (needed >> 20) + " MiB but the JVM may use "
                    + (available >> 20) + " MiB (raise -Xmx via JAVA_OPTS or use smaller layers)");
        }
    }

    /** Weights and biases: sum over layers of (inputs + 1) * outputs. */
    public long parameterCount() {
        long count = 0;
        for (int l = 1; l < layers.size(); l++) count += (long) (layers.get(l - 1) + 1) * layers.get(l);
        return count;
    }
}
