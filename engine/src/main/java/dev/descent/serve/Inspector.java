package dev.descent.serve;

import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every layer's activations for one input. The scalar kernels keep a page's requests off the threads a
 * training run in the same process uses; one sample is a few thousand multiply-adds either way.
 * Thread-safe: requests share one workspace under the lock.
 */
final class Inspector {
    /** {@code layers.get(0)} is the input, the last is the output; {@code predicted} the highest output. */
    record View(List<float[]> layers, int predicted) {
    }

    private final LoadedModel model;
    private final Backprop backprop = new Backprop(ScalarKernels.INSTANCE);
    private final Workspace ws;

    Inspector(LoadedModel model) {
        this.model = model;
        this.ws = Workspace.forInference(model.network().sizes(), 1);
    }

    LoadedModel model() {
        return model;
    }

    synchronized View look(float[] input) {
        Network network = model.network();
        if (input.length != network.size(0)) {
            throw new IllegalArgumentException(input.length + " inputs for a network of " + network.size(0));
        }
        System.arraycopy(input, 0, ws.input(), 0, input.length);
        backprop.forward(network, ws, 1, model.cost());
        List<float[]> layers = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) layers.add(Arrays.copyOf(ws.activations(l), network.size(l)));
        float[] out = layers.getLast();
        int best = 0;
        for (int j = 1; j < out.length; j++) {
            if (out[j] > out[best]) best = j;
        }
        return new View(List.copyOf(layers), best);
    }
}
