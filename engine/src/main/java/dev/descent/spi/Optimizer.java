package dev.descent.spi;

import dev.descent.kernel.Kernels;
import java.util.List;

/**
 * Turns gradients into parameter updates. The trainer calls {@link #prepare} once; the {@link Update}
 * it returns is how every step is applied, to the weights and the biases of every layer alike. The
 * parameter tensors are numbered in the order weights of layer 1, biases of layer 1, weights of
 * layer 2, and so on. An optimizer may keep per-tensor state (velocities, moment estimates),
 * allocated in {@code prepare}.
 */
public interface Optimizer {
    /**
     * Called before the first step with each tensor's length, and the kernels the trainer uses
     * (their {@code axpy} and {@code dot} are the fast path for element-wise work). Returns how the
     * steps are applied.
     */
    Update prepare(int[] tensorLengths, Kernels kernels);

    /**
     * The optimizer's state after {@link #prepare}: its live arrays (velocities, moment estimates), in
     * a fixed order. Checkpoints save copies and write them back into these arrays on resume, so an
     * optimizer with state must return it here for a resumed run to match an uninterrupted one.
     */
    default List<float[]> state() {
        return List.of();
    }

    /** How a step is applied: one of the two forms below, chosen once in {@link #prepare}. */
    sealed interface Update permits ScaledGradient, PerTensor {
    }

    /**
     * A step that is the mini-batch's gradient sum times one factor, for every tensor and nothing
     * else: {@code values[i] += stepSize * gradientSum[i]} (plain gradient descent:
     * {@code stepSize = -rate * scale}). The trainer applies it with the kernels' {@code axpy}, the
     * weights' inside the backward pass so that their gradient is never stored.
     */
    @FunctionalInterface
    non-sealed interface ScaledGradient extends Update {
        /** The factor for the mini-batch {@code step} (counted from 1); {@code scale} is 1 / batch size. */
        float stepSize(double rate, float scale, long step);
    }

    /** Any other step: the optimizer updates each tensor itself, once per tensor per mini-batch. */
    @FunctionalInterface
    non-sealed interface PerTensor extends Update {
        /**
         * Updates {@code values[0..length)} in place. {@code gradientSum} holds the gradient summed over
         * the mini-batch (the optimizer must not change it); {@code scale} is 1 / batch size, so the
         * mean gradient is {@code scale * gradientSum[i]}. {@code rate} is the schedule's learning rate
         * and {@code step} counts mini-batches from 1.
         */
        void step(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate, long step);
    }
}
