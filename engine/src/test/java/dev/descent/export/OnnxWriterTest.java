package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import dev.descent.testing.TestCosts;
import dev.descent.training.Evaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ONNX Runtime runs what {@link OnnxWriter} writes and gets descent's forward outputs: for each
 * activation, for a fused softmax, with and without an input normalisation.
 */
class OnnxWriterTest {
    static final double TOLERANCE = 1e-5;
    static final int ROWS = 1000;
    static final int[] SIZES = {37, 24, 16, 10};

    /** A cost that leaves the output layer to the network's activation; its value plays no part here. */
    static final Cost PLAIN = (a, y, rows, width, gradient) -> 0;

    /** A cost that fuses an output activation other than a softmax: its own, unknown to any exporter. */
    static final Cost FUSED_DOUBLING = new Cost() {
        @Override
        public double costAndGradient(float[] a, float[] y, int rows, int width, float[] gradient) {
            return 0;
        }

        @Override
        public boolean fusesOutputActivation() {
            return true;
        }

        @Override
        public void activateOutput(float[] z, int rows, int width, float[] a) {
            for (int i = 0; i < rows * width; i++) a[i] = 2 * z[i];
        }
    };

    static Network network(Activation activation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network network = new Network(SIZES, activation);
        for (int l = 1; l < SIZES.length; l++) {
            float[] w = new float[SIZES[l] * SIZES[l - 1]];
            for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() / Math.sqrt(SIZES[l - 1]) * 2);
            network.setWeights(l, w);
            for (int j = 0; j < SIZES[l]; j++) network.biases(l)[j] = (float) random.nextGaussian();
        }
        return network;
    }

    static float[] inputs(int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[ROWS * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1.5, 1.5);
        return x;
    }

    /** descent's own outputs: the network's forward pass over the rows, in the evaluator's batches. */
    static float[][] descentOutputs(Network network, Cost cost, float[] x) {
        Backprop backprop = new Backprop(KernelProvider.get());
        int batch = Evaluator.BATCH;
        int in = network.size(0);
        int out = network.size(network.depth() - 1);
        Workspace ws = new Workspace(network.sizes(), batch);
        float[][] outputs = new float[ROWS][];
        for (int from = 0; from < ROWS; from += batch) {
            int m = Math.min(batch, ROWS - from);
            System.arraycopy(x, from * in, ws.input(), 0, m * in);
            backprop.forward(network, ws, m, cost);
            for (int s = 0; s < m; s++) outputs[from + s] = Arrays.copyOfRange(ws.output(), s * out, (s + 1) * out);
        }
        return outputs;
    }

    static void assertClose(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, "width of row " + r);
            for (int j = 0; j < expected[r].length; j++) {
                worst = Math.max(worst, Math.abs(expected[r][j] - actual[r][j]));
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst + " > " + TOLERANCE);
    }

    static byte[] onnx(ForwardPass pass) {
        return OnnxWriter.encode(pass, "test", "test inputs", Map.of("k", "v"));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void onnxRuntimeGivesDescentsOutputsForEachActivation(Activation activation) throws OrtException {
        Network network = network(activation, 11);
        float[] x = inputs(SIZES[0], 12);
        byte[] model = onnx(ForwardPass.of(network, "quadratic", PLAIN, null));
        assertClose(descentOutputs(network, PLAIN, x), OnnxRuntime.run(model, x, ROWS, SIZES[0]));
    }

    @Test
    void onnxRuntimeGivesTheSoftmaxOfAFusedSoftmaxCost() throws OrtException {
        Cost softmax = TestCosts.SOFTMAX;
        Network network = network(Activation.TANH, 21);
        float[] x = inputs(SIZES[0], 22);
        ForwardPass pass = ForwardPass.of(network, "softmax-cross-entropy", softmax, null);
        assertEquals(LayerActivation.SOFTMAX, pass.layers().getLast().activation());
        assertEquals(LayerActivation.TANH, pass.layers().getFirst().activation());
        float[][] onnx = OnnxRuntime.run(onnx(pass), x, ROWS, SIZES[0]);
        assertClose(descentOutputs(network, softmax, x), onnx);
        for (float[] row : onnx) {
            double sum = 0;
            for (float p : row) sum += p;
            assertEquals(1, sum, 1e-5, "a softmax row sums to 1");
        }
    }

    @Test
    void identityLayersAreThePlainAffineMaps() throws OrtException {
        SplittableRandom random = new SplittableRandom(31);
        int in = 9;
        int out = 4;
        float[] w = new float[out * in];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian();
        for (int j = 0; j < out; j++) b[j] = (float) random.nextGaussian();
        ForwardPass pass = new ForwardPass(List.of(new DenseLayer(in, out, w, b, LayerActivation.IDENTITY)), null);
        float[] x = inputs(in, 32);
        float[][] expected = new float[ROWS][out];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < out; j++) {
                double z = b[j];
                for (int k = 0; k < in; k++) z += (double) w[j * in + k] * x[r * in + k];   // neuron-major: w[j][k]
                expected[r][j] = (float) z;
            }
        }
        assertClose(expected, OnnxRuntime.run(onnx(pass), x, ROWS, in));
    }

    @Test
    void normalisesEachFeatureBeforeTheFirstLayer() throws OrtException {
        Network network = network(Activation.SIGMOID, 41);
        int features = SIZES[0];
        SplittableRandom random = new SplittableRandom(42);
        float[] mean = new float[features];
        float[] scale = new float[features];
        for (int k = 0; k < features; k++) {
            mean[k] = (float) random.nextDouble(-50, 50);
            scale[k] = (float) (random.nextBoolean() ? 1 : -1) * (float) random.nextDouble(0.5, 20);
        }
        // Raw features around the means, on the scales: normalised, they are of order 1.
        float[] raw = inputs(features, 43);
        float[] normalised = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int k = i % features;
            raw[i] = mean[k] + raw[i] * Math.abs(scale[k]);
            normalised[i] = (raw[i] - mean[k]) / scale[k];
        }
        ForwardPass pass = ForwardPass.of(network, "quadratic", PLAIN, new InputNormalization(mean, scale));
        assertClose(descentOutputs(network, PLAIN, normalised), OnnxRuntime.run(onnx(pass), raw, ROWS, features));
    }

    @Test
    void declaresOneFloatInputAndOutputWithASymbolicBatch() throws OrtException {
        byte[] model = onnx(ForwardPass.of(network(Activation.RELU, 51), "quadratic", PLAIN, null));
        Map<String, NodeInfo> inputs = OnnxRuntime.signature(model, true);
        Map<String, NodeInfo> outputs = OnnxRuntime.signature(model, false);
        assertEquals(List.of("input"), List.copyOf(inputs.keySet()));
        assertEquals(List.of("output"), List.copyOf(outputs.keySet()));
        TensorInfo in = (TensorInfo) inputs.get("input").getInfo();
        TensorInfo out = (TensorInfo) outputs.get("output").getInfo();
        assertEquals("[-1, 37]", Arrays.toString(in.getShape()));
        assertEquals("[-1, 10]", Arrays.toString(out.getShape()));
        assertEquals(OnnxJavaType.FLOAT, in.type);
        assertEquals(OnnxJavaType.FLOAT, out.type);
    }

    @Test
    void recordsTheProducerAndTheCallersMetadata() throws OrtException {
        byte[] model = OnnxWriter.encode(ForwardPass.of(network(Activation.SIGMOID, 71), "quadratic", PLAIN, null),
                "0.2.0", "pixels", Map.of("descent.cost", "quadratic"));
        OnnxModelMetadata metadata = OnnxRuntime.metadata(model);
        assertEquals("descent", metadata.getProducerName());
        assertEquals("descent", metadata.getGraphName());
        assertEquals(Map.of("descent.cost", "quadratic"), metadata.getCustomMetadata());
        assertTrue(metadata.getDescription().endsWith("Input: pixels"), metadata.getDescription());
    }

    @Test
    void refusesACostWhoseFusedActivationIsUnknown() {
        DescentException e = assertThrows(DescentException.class,
                () -> ForwardPass.of(network(Activation.SIGMOID, 61), "doubling", FUSED_DOUBLING, null));
        assertTrue(e.getMessage().contains("cost 'doubling' brings its own output activation"), e.getMessage());
    }

    @Test
    void refusesLayersThatDoNotChain() {
        DenseLayer a = new DenseLayer(3, 2, new float[6], new float[2], LayerActivation.RELU);
        DenseLayer b = new DenseLayer(4, 1, new float[4], new float[1], LayerActivation.RELU);
        assertThrows(IllegalArgumentException.class, () -> new ForwardPass(List.of(a, b), null));
        DenseLayer softmax = new DenseLayer(3, 2, new float[6], new float[2], LayerActivation.SOFTMAX);
        DenseLayer after = new DenseLayer(2, 1, new float[2], new float[1], LayerActivation.RELU);
        assertThrows(IllegalArgumentException.class, () -> new ForwardPass(List.of(softmax, after), null));
        InputNormalization wrongWidth = new InputNormalization(new float[2], new float[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> new ForwardPass(List.of(a), wrongWidth));
    }

    @Test
    void refusesAZeroOrNonFiniteScale() {
        assertThrows(IllegalArgumentException.class, () -> new InputNormalization(new float[1], new float[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new InputNormalization(new float[1], new float[] {Float.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class,
                () -> new InputNormalization(new float[] {Float.NaN}, new float[] {1}));
    }
}
