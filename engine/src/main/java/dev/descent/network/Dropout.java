package dev.descent.network;

import dev.descent.kernel.Kernels;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout on hidden layers, for training only: each activation is kept with probability
 * 1 - p and then scaled by 1 / (1 - p), or set to 0, so that the expected input of the next layer is
 * unchanged and evaluation needs no rescaling. The masks of the last forward pass are kept for the
 * backward pass. Draws come from one seeded generator, so a run is reproducible.
 */
public final class Dropout {
    private final float[] rates;      // by layer index; 0 for layers without dropout
    private final float[][] masks;    // by layer index: 0 or 1 / (1 - p) per activation of the batch
    private final int[] sizes;
    private RandomGenerator random;

    /** {@code rates[l]} for each layer l of the network (the input and output layers must be 0). */
    public Dropout(float[] rates, int[] sizes, int capacity, RandomGenerator random) {
        this.rates = rates.clone();
        this.masks = new float[sizes.length][];
        this.random = random;
        this.sizes = sizes.clone();
        for (int l = 0; l < sizes.length; l++) {
            if (rates[l] > 0) masks[l] = new float[capacity * sizes[l] + Kernels.SLACK];
        }
    }

    /** Draws from now on come from {@code random}: each epoch gets its own generator. */
    public void restart(RandomGenerator random) {
        this.random = random;
    }

    /** Makes the draws of one training step of {@code rows} samples and throws them away: for resuming mid-epoch. */
    public void skip(int rows) {
        for (int l = 0; l < rates.length; l++) {
            if (rates[l] > 0) {
                for (int i = 0; i < rows * sizes[l]; i++) random.nextFloat();
            }
        }
    }

    boolean active(int layer) {
        return rates[layer] > 0;
    }

    /** Draws a fresh mask for layer l and applies it to the first {@code count} activations. */
    void apply(int layer, float[] activations, int count) {
        float p = rates[layer];
        float scale = 1f / (1f - p);
        float[] mask = masks[layer];
        for (int i = 0; i < count; i++) {
            mask[i] = random.nextFloat() < p ? 0f : scale;
            activations[i] *= mask[i];
        }
    }

    /**
     * Routes the error back through the mask (dropped units pass nothing back) and undoes the scaling
     * of the kept activations, so that the activation's derivative is taken at the unit's real output.
     */
    void backward(int layer, float[] activations, float[] delta, int count) {
        float[] mask = masks[layer];
        for (int i = 0; i < count; i++) {
            delta[i] *= mask[i];
            if (mask[i] != 0f) activations[i] /= mask[i];
        }
    }
}
