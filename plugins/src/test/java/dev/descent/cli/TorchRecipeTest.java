package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.Dataset;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.training.Batches;
import dev.descent.training.Evaluator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What README's four-line PyTorch recipe relies on, read from a run's model.safetensors with nothing of
 * descent's: the tensor names {@code layer<l>.weight} and {@code layer<l>.bias} and nothing else, float32
 * shapes {@code [out, in]} and {@code [out]} as {@code torch.nn.Linear(in, out)} holds them, the recipe's
 * renaming onto {@code torch.nn.Sequential}'s keys, and, computed as torch computes
 * {@code Sequential(Linear, Sigmoid, ...)} ({@code x @ W.T + b}), descent's own outputs.
 */
class TorchRecipeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int[] LAYERS = {784, 16, 12, 10};

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = dir.resolve("data");
        Path mnist = Files.createDirectories(data.resolve("mnist"));
        ExportCommandTest.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), 100, 1);
        TinyMnist.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), 100, -1);
        ExportCommandTest.writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 1000, 2);
        TinyMnist.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 1000, -1);
    }

    /**
     * The recipe's renaming, as README writes it in Python:
     * {@code f"{2 * int(k[5:k.index('.')]) - 2}{k[k.index('.'):]}"}.
     */
    static String torchKey(String k) {
        return (2 * Integer.parseInt(k.substring(5, k.indexOf('.'))) - 2) + k.substring(k.indexOf('.'));
    }

    /** One tensor as the safetensors format defines it: dtype, shape and little-endian row-major data. */
    record RawTensor(String dtype, int[] shape, float[] data) {
    }

    /** The file's tensors in header order, read by the format's definition alone. */
    static Map<String, RawTensor> readSafetensors(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) bytes.getLong(0);
        JsonNode header = JSON.readTree(new String(bytes.array(), 8, headerLength, StandardCharsets.UTF_8));
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).asInt();
            int begin = 8 + headerLength + t.get("data_offsets").get(0).asInt();
            int end = 8 + headerLength + t.get("data_offsets").get(1).asInt();
            float[] values = new float[(end - begin) / 4];
            for (int i = 0; i < values.length; i++) values[i] = bytes.getFloat(begin + 4 * i);
            tensors.put(e.getKey(), new RawTensor(t.get("dtype").asText(), shape, values));
        }
        return tensors;
    }

    @ParameterizedTest
    @CsvSource({"sigmoid, quadratic", "tanh, huber", "relu, softmax-cross-entropy"})
    void theRecipeLoadsTheWeightsIntoATorchSequential(String activation, String cost) throws IOException {
        Path config = Files.writeString(dir.resolve(activation + ".yaml"), """
                seed: 9
                data: {dataset: mnist}
                network: {layers: [784, 16, 12, 10], activation: %s}
                cost: {name: %s}
                init: {weights: {name: scaled-gaussian}}
                training: {epochs: 1, batch-size: 10, learning-rate: 0.1}
                """.formatted(activation, cost));
        Path run = dir.resolve(activation + "-run");
        Cli.Result train = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, train.exitCode(), train.err());

        Map<String, RawTensor> state = readSafetensors(run.resolve("model.safetensors"));
        Set<String> expectedNames = new TreeSet<>();
        Set<String> torchNames = new TreeSet<>();
        for (int l = 1; l < LAYERS.length; l++) {
            expectedNames.addAll(List.of("layer" + l + ".weight", "layer" + l + ".bias"));
            // Sequential(Linear, Act, Linear, Act, ...) numbers its modules 0, 1, 2, ...: the Linears are even.
            torchNames.addAll(List.of(2 * (l - 1) + ".weight", 2 * (l - 1) + ".bias"));
        }
        assertEquals(expectedNames, new TreeSet<>(state.keySet()), "load_state_dict is strict: no other tensors");
        Set<String> renamed = new TreeSet<>();
        for (String k : state.keySet()) renamed.add(torchKey(k));
        assertEquals(torchNames, renamed);

        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int l = 1; l < LAYERS.length; l++) {
            RawTensor w = state.get("layer" + l + ".weight");
            RawTensor b = state.get("layer" + l + ".bias");
            assertEquals("F32", w.dtype());
            assertEquals("F32", b.dtype());
            assertEquals(List.of(LAYERS[l], LAYERS[l - 1]), List.of(w.shape()[0], w.shape()[1]),
                    "Linear.weight is [out, in]");
            assertEquals(1, b.shape().length);
            assertEquals(LAYERS[l], b.shape()[0]);
            weights.add(w.data());
            biases.add(b.data());
        }

        TrainedModel trained = TrainedModel.load(run, new PluginOptions());
        Dataset test = Dataset.load(data.resolve("mnist/t10k-images-idx3-ubyte.gz"),
                data.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        int classes = LAYERS[LAYERS.length - 1];
        float[][] expected = new float[test.count()][classes];
        Evaluator evaluator = new Evaluator(new Backprop(KernelProvider.get()), trained.network(), trained.cost());
        evaluator.forEachOutput(trained.network(), test,
                (sample, outputs, offset) -> System.arraycopy(outputs, offset, expected[sample], 0, classes));
        boolean softmax = cost.equals("softmax-cross-entropy");
        double worst = 0;
        for (int s = 0; s < test.count(); s++) {
            double[] x = new double[LAYERS[0]];
            for (int k = 0; k < x.length; k++) x[k] = (test.pixels()[s * x.length + k] & 0xFF) * Batches.PIXEL_SCALE;
            for (int l = 1; l < LAYERS.length; l++) {
                boolean last = l == LAYERS.length - 1;
                x = linear(x, weights.get(l - 1), biases.get(l - 1), LAYERS[l]);
                x = last && softmax ? softmax(x) : activate(activation, x);
            }
            for (int j = 0; j < classes; j++) worst = Math.max(worst, Math.abs(x[j] - expected[s][j]));
        }
        assertTrue(worst <= 1e-5, "largest difference " + worst);
    }

    /** torch.nn.Linear: y = x W^T + b, W of shape [out, in] in row-major order. */
    static double[] linear(double[] x, float[] w, float[] b, int out) {
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double z = b[j];
            for (int k = 0; k < x.length; k++) z += w[j * x.length + k] * x[k];
            y[j] = z;
        }
        return y;
    }

    static double[] activate(String activation, double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = switch (activation) {
                case "sigmoid" -> 1 / (1 + Math.exp(-z[j]));
                case "tanh" -> Math.tanh(z[j]);
                case "relu" -> Math.max(0, z[j]);
                default -> throw new IllegalArgumentException(activation);
            };
        }
        return a;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double total = 0;
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) total += p[j] = Math.exp(z[j] - max);
        for (int j = 0; j < z.length; j++) p[j] /= total;
        return p;
    }
}
