package dev.descent.config;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code network.layers} (neurons per layer, input first), {@code network.activation} (the hidden layers')
 * and {@code network.output-activation} (the output layer's: the hidden one unless the config or a
 * regression says otherwise).
 */
public record NetworkConfig(List<Integer> layers, Activation activation, Activation outputActivation) {
    /** A layer width of {@code auto}: the data's inputs (first layer) or classes or targets (last). */
    public static final int AUTO = 0;

    public NetworkConfig {
        layers = List.copyOf(layers);
    }

    /** A network whose output layer has the hidden layers' activation. */
    public NetworkConfig(List<Integer> layers, Activation activation) {
        this(layers, activation, activation);
    }

    /** True when the first or the last layer is {@code auto}. */
    public boolean hasAuto() {
        return layers.getFirst() == AUTO || layers.getLast() == AUTO;
    }

    /** True when {@code other} is this network with every {@code auto} width given. */
    public boolean admits(NetworkConfig other) {
        if (other.layers.size() != layers.size() || other.activation != activation
                || other.outputActivation != outputActivation) {
            return false;
        }
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l) != AUTO && !layers.get(l).equals(other.layers.get(l))) return false;
        }
        return true;
    }

    /**
     * The layers with {@code auto} replaced by the data's {@code inputs} and {@code outputs}; fails when a
     * width given as a number contradicts the data, naming the right number. {@code where} names the
     * config for messages, {@code what} the data, {@code outputKind} what the outputs stand for
     * ("classes", "regression targets").
     */
    public NetworkConfig resolve(int inputs, int outputs, String where, String what, String outputKind) {
        List<Integer> resolved = new ArrayList<>(layers);
        check(resolved, 0, inputs, "first", "inputs", where, what);
        check(resolved, resolved.size() - 1, outputs, "last", outputKind, where, what);
        return new NetworkConfig(resolved, activation, outputActivation);
    }

    private void check(List<Integer> resolved, int at, int right, String which, String kind, String where,
                       String what) {
        int given = resolved.get(at);
        if (given == AUTO) {
            resolved.set(at, right);
        } else if (given != right) {
            String written = layers.stream().map(w -> w == AUTO ? "auto" : Integer.toString(w))
                    .collect(Collectors.joining(", ", "[", "]"));
            throw new DescentException("invalid value " + written + " at network.layers" + where + ": the " + which
                    + " layer must be " + right + ", the number of " + kind + " of " + what + " (or auto)");
        }
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
