package dev.descent.spi;

/**
 * A cost function over a mini-batch. Called once per batch, never per element.
 *
 * <p>Arrays are row-major {@code rows x width}: row {@code r} is one sample's output layer.
 * The trainer owns every array; a cost reads {@code activations} and {@code targets} and writes
 * only {@code gradient}. One cost object serves every thread of a shared {@code dev.descent.api.Model}
 * at once, each call on arrays of its own: a cost keeps no mutable state.
 */
public interface Cost {
    /**
     * Returns the cost summed over the {@code rows} samples (the trainer averages it) and writes
     * dC/da, the derivative of each sample's cost with respect to each output activation, into
     * {@code gradient}.
     */
    double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient);

    /**
     * True when the cost brings its own output activation (softmax for a log-likelihood cost): the
     * network then calls {@link #activateOutput} instead of its activation function on the output
     * layer, and {@link #costAndGradient} writes dC/dz, the fused output delta, instead of dC/da.
     * Fusing is how such costs stay exact: (a - y) directly, rather than a ratio of tiny numbers.
     */
    default boolean fusesOutputActivation() {
        return false;
    }

    /** The output layer's activations from its weighted inputs, row by row; may run in place. */
    default void activateOutput(float[] z, int rows, int width, float[] activations) {
        throw new UnsupportedOperationException(getClass().getName() + " does not fuse the output activation");
    }
}
