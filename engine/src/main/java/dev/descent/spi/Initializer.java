package dev.descent.spi;

import java.util.random.RandomGenerator;

/**
 * Fills the initial values of one layer's weights or biases.
 *
 * <p>For weights, {@code values} has {@code fanOut * fanIn} entries in neuron-major order:
 * entry {@code j * fanIn + k} is the weight from input {@code k} to neuron {@code j}. For biases it
 * has {@code fanOut} entries. Draw from {@code random} only, in index order, so that a seed gives
 * the same network everywhere.
 */
public interface Initializer {
    void initialize(float[] values, int fanIn, int fanOut, RandomGenerator random);
}
