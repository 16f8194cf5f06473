package dev.descent.spi;

/**
 * A cost function over a mini-batch. Called once per batch, never per element.
 *
 * <p>Arrays are row-major {@code rows x width}: row {@code r} is one sample's output layer.
 * The trainer owns every array; a cost reads {@code activations} and {@code targets} and writes
 * only {@code gradient}.
 */
public interface Cost {
    /**
     * Returns the cost summed over the {@code rows} samples (the trainer averages it) and writes
     * dC/da, the derivative of each sample's cost with respect to each output activation, into
     * {@code gradient}.
     */
    double costAndGradient(float[] activations, float[] targets, int rows, int width, float[] gradient);
}
