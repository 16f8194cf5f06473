package dev.descent.slope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import dev.descent.network.Network;
import org.junit.jupiter.api.Test;

/** {@code layerL.w[j,k]} and {@code layerL.b[j]}: which number they name, and what a bad name is told. */
class ParameterRefTest {
    static final int[] SEED = {784, 16, 16, 10};

    @Test
    void weightIndicesAreNeuronThenInputAsInTheModelFile() {
        Network network = new Network(SEED, Activation.SIGMOID);
        ParameterRef w = ParameterRef.parse("layer1.w[3,400]", SEED);
        assertEquals(new ParameterRef(1, false, 3, 400), w);
        w.set(network, 0.75f);
        // Neuron-major, as the safetensors tensor [outputs, inputs] stores it: row j = 3, column k = 400.
        assertEquals(0.75f, network.neuronMajorWeights(1)[3 * 784 + 400]);
        assertEquals(0.75f, w.get(network));
        assertEquals("layer1.w[3,400]", w.toString());
        assertEquals("weight from input 400 to neuron 3 of layer 1", w.describe());
    }

    @Test
    void biasHasOneIndex() {
        Network network = new Network(SEED, Activation.SIGMOID);
        ParameterRef b = ParameterRef.parse(" layer3.b[ 9 ] ", SEED);
        assertEquals(new ParameterRef(3, true, 9, -1), b);
        b.set(network, -2f);
        assertEquals(-2f, network.biases(3)[9]);
        assertEquals("layer3.b[9]", b.toString());
    }

    private static void assertRefused(String text, String... fragments) {
        DescentException e = assertThrows(DescentException.class, () -> ParameterRef.parse(text, SEED));
        String m = e.getMessage();
        assertTrue(m.contains("'" + text + "'"), m);
        assertTrue(m.contains("layer1.w[0..15,0..783], layer1.b[0..15], layer2.w[0..15,0..15]"),
                "lists the ranges: " + m);
        for (String f : fragments) assertTrue(m.contains(f), "'" + f + "' in: " + m);
    }

    @Test
    void refusesBadNamesListingTheValidRanges() {
        assertRefused("w[3,400]", "expected layerL.w[j,k]");
        assertRefused("layer1.weight[3,400]", "expected layerL.w[j,k]");
        assertRefused("layer1.w[3]", "two indices");
        assertRefused("layer1.b[3,4]", "one index");
        assertRefused("layer1.w[-1,4]", "expected");
        assertRefused("layer0.w[0,0]", "input layer");
        assertRefused("layer4.b[0]", "no layer 4");
        assertRefused("layer1.w[16,0]", "neurons 0..15");
        assertRefused("layer1.w[0,784]", "inputs 0..783");
        assertRefused("layer3.b[10]", "neurons 0..9");
        assertRefused("layer99999999999.b[0]", "expected");
    }
}
