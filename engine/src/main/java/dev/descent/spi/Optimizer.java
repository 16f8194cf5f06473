package dev.descent.spi;

import dev.descent.kernel.Kernels;

/**
 * Turns gradients into parameter updates. The trainer calls {@link #prepare} once, then
 * {@link #step} once per parameter tensor per mini-batch (weights and biases of each layer, in that
 * order), never per element. An optimizer may keep per-tensor state (velocities, moment estimates),
 * allocated in {@code prepare}.
 */
public interface Optimizer {
    /**
     * Called before the first step with each tensor's length, and the kernels the trainer uses
     * (their {@code axpy} and {@code dot} are the fast path for element-wise work).
     */
    void prepare(int[] tensorLengths, Kernels kernels);

    /**
     * Updates {@code values[0..length)} in place. {@code gradientSum} holds the gradient summed over
     * the mini-batch (the optimizer must not change it); {@code scale} is 1 / batch size, so the mean
     * gradient is {@code scale * gradientSum[i]}. {@code rate} is the schedule's learning rate and
     * {@code step} counts mini-batches from 1.
     */
    void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step);

    /**
     * True when {@link #step} is exactly plain gradient descent for every tensor,
     * {@code kernels.axpy(length, (float) (-rate * scale), gradientSum, values)} and nothing else. The
     * trainer then fuses the weights' step into the backward pass, so that their gradient is never
     * stored, and calls {@code step} for the biases only; the results are the same bits.
     */
    default boolean isPlainGradientDescent() {
        return false;
    }

    /**
     * The optimizer's state after {@link #prepare}: its live arrays (velocities, moment estimates), in
     * a fixed order. Checkpoints save copies and write them back into these arrays on resume, so an
     * optimizer with state must return it here for a resumed run to match an uninterrupted one.
     */
    default java.util.List<float[]> state() {
        return java.util.List.of();
    }
}
