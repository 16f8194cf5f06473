package dev.descent.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.testing.TestCosts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A forward-only workspace runs the forward pass as a full one does and refuses the backward pass. */
class WorkspaceTest {
    private static final int[] SIZES = {784, 16, 16, 10};

    @Test
    void aForwardOnlyWorkspaceGivesTheFullOnesOutputsAndRefusesBackward() {
        Network network = new Network(SIZES, Activation.SIGMOID);
        SplittableRandom random = new SplittableRandom(3);
        for (int l = 1; l < SIZES.length; l++) {
            for (int i = 0; i < network.weights(l).length; i++) network.weights(l)[i] = (float) random.nextGaussian();
        }
        Backprop backprop = new Backprop(KernelProvider.get());
        Workspace full = new Workspace(SIZES, 12), forward = Workspace.forInference(SIZES, 12);
        for (int i = 0; i < 12 * 784; i++) full.input()[i] = forward.input()[i] = (float) random.nextDouble();
        backprop.forward(network, full, 12, TestCosts.QUADRATIC);
        backprop.forward(network, forward, 12, TestCosts.QUADRATIC);
        assertArrayEquals(full.output(), forward.output());
        assertTrue(full.hasGradients());
        assertFalse(forward.hasGradients());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backprop.backward(network, forward, 12, TestCosts.QUADRATIC));
        assertTrue(e.getMessage().contains("Workspace.forInference"), e.getMessage());
    }
}
