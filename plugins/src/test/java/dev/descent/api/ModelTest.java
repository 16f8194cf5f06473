package dev.descent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import dev.descent.DescentException;
import dev.descent.cli.Cli;
import dev.descent.cli.TinyMnist;
import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.training.Batches;
import dev.descent.training.Evaluator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Model}: the bits of {@code descent eval} for every input, one at a time or in batches of any
 * size, from many threads at once, without allocating in {@code predict(in, out)}.
 */
class ModelTest {
    @TempDir
    static Path dir;
    static Path data;
    /** A sigmoid network with the quadratic cost, and one ending in the softmax-cross-entropy cost's softmax. */
    static Path quadratic;
    static Path softmax;
    static Dataset test;

    @BeforeAll
    static void trainTwoTinyModels() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        quadratic = train("quadratic", "cost: quadratic");
        softmax = train("softmax", "cost: softmax-cross-entropy\ninit: {weights: scaled-gaussian}");
        test = DataLocator.load(DatasetName.of("mnist", "test"), data, new Downloader(), null).test();
    }

    private static Path train(String name, String cost) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                seed: 5
                data: {dataset: mnist}
                network: {layers: [784, 12, 10]}
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """ + cost + "\n");
        Path run = dir.resolve(name);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return run;
    }

    /** Test image {@code i} as eval feeds it: each pixel byte times {@link Batches#PIXEL_SCALE}. */
    private static float[] pixels(int i) {
        float[] x = new float[test.imageSize()];
        KernelProvider.get().unsignedBytesToFloats(x.length, test.pixels(), i * x.length, Batches.PIXEL_SCALE, x, 0);
        return x;
    }

    /** The output layer of every test image, computed as {@code descent eval} computes it. */
    private static float[][] evalOutputs(Path run) {
        TrainedModel trained = TrainedModel.load(run, PluginFolder.builtInsOnly().source());
        float[][] outputs = new float[test.count()][];
        new Evaluator(new Backprop(KernelProvider.get()), trained.network(), trained.cost()).forEachOutput(
                trained.network(), test, (sample, out, offset) ->
                        outputs[sample] = Arrays.copyOfRange(out, offset, offset + trained.outputs()));
        return outputs;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]),
                    what + ", output " + j + ": " + expected[j] + " vs " + actual[j]);
        }
    }

    @Test
    void predictGivesTheBitsOfDescentEvalForEveryTestImageOneAtATimeOrInABatch() {
        for (Path run : List.of(quadratic, softmax)) {
            Model model = Model.load(run);
            float[][] eval = evalOutputs(run);
            float[][] inputs = new float[test.count()][];
            for (int i = 0; i < test.count(); i++) inputs[i] = pixels(i);
            float[][] batch = model.predict(inputs);
            for (int i = 0; i < test.count(); i++) {
                assertSameBits(eval[i], model.predict(inputs[i]), run + " image " + i);
                assertSameBits(eval[i], batch[i], run + " image " + i + " in a batch");
                assertEquals(Evaluator.argmax(eval[i], 0, eval[i].length), model.classify(inputs[i]));
            }
        }
    }

    @Test
    void classifyCountsTheAccuracyThatDescentEvalReports() throws IOException {
        Model model = Model.load(quadratic.resolve("model.safetensors"));
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            if (model.classify(pixels(i)) == test.label(i)) correct++;
        }
        Cli.Result eval = Cli.run("eval", quadratic.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(new ObjectMapper().readTree(eval.out()).get("correct").asInt(), correct);
    }

    @Test
    void aBatchGivesTheSameBitsWhateverItsSizeAndWhereItIsSplit() {
        Model model = Model.load(softmax);
        // 150 inputs cross the 64-row blocks twice; each row's bits must not depend on its neighbours.
        SplittableRandom random = new SplittableRandom(11);
        float[][] inputs = new float[150][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = i % 3 == 0 ? pixels(i % test.count()) : randomInput(random, model.inputSize());
        }
        float[][] whole = model.predict(inputs);
        for (int size : new int[] {1, 7, 63, 64, 65, 149}) {
            for (int from = 0; from < inputs.length; from += size) {
                float[][] part = Arrays.copyOfRange(inputs, from, Math.min(inputs.length, from + size));
                float[][] outputs = model.predict(part);
                for (int s = 0; s < part.length; s++) {
                    assertSameBits(whole[from + s], outputs[s], "row " + (from + s) + " in batches of " + size);
                }
            }
        }
        for (int i = 0; i < inputs.length; i++) assertSameBits(whole[i], model.predict(inputs[i]), "row " + i);
        assertEquals(0, model.predict(new float[0][]).length);
    }

    private static float[] randomInput(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int j = 0; j < size; j++) x[j] = (float) random.nextDouble();
        return x;
    }

    @Test
    void predictsTheSameBitsFromManyThreadsAsFromOne() throws Exception {
        Model model = Model.load(softmax);
        SplittableRandom random = new SplittableRandom(3);
        float[][] inputs = new float[200][];
        for (int i = 0; i < inputs.length; i++) inputs[i] = randomInput(random, model.inputSize());
        float[][] expected = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) expected[i] = model.predict(inputs[i]);

        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(() -> {
                start.await();
                float[] out = new float[model.outputSize()];
                SplittableRandom order = new SplittableRandom(seed);
                int checked = 0;
                for (int round = 0; round < 300; round++) {
                    int i = order.nextInt(inputs.length);
                    // Each way in, interleaved with the other threads' calls.
                    switch (round % 4) {
                        case 0 -> model.predict(inputs[i], out);
                        case 1 -> out = model.predict(inputs[i]);
                        case 2 -> out = model.predict(new float[][] {inputs[i], inputs[(i + 1) % inputs.length]})[0];
                        default -> assertEquals(Evaluator.argmax(expected[i], 0, out.length),
                                model.classify(inputs[i]));
                    }
                    if (round % 4 != 3) assertSameBits(expected[i], out, "thread " + seed + " input " + i);
                    checked++;
                }
                return checked;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> worker : workers) results.add(pool.submit(worker));
            start.countDown();
            for (Future<Integer> result : results) assertEquals(300, result.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictIntoAnArrayAllocatesNothingOnceWarmedUp() {
        Model model = Model.load(softmax);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        float[] input = pixels(0);
        float[] output = new float[model.outputSize()];
        long id = Thread.currentThread().threadId();
        // Until the JIT has compiled the forward pass, the interpreter boxes the Vector API's vectors.
        long before = 0;
        long allocated = -1;
        for (int attempt = 0; attempt < 20 && allocated != 0; attempt++) {
            for (int i = 0; i < 20_000; i++) model.predict(input, output);
            before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) model.predict(input, output);
            allocated = threads.getThreadAllocatedBytes(id) - before;
        }
        assertEquals(0, allocated, "bytes allocated by 10,000 calls of predict(input, output)");
        assertEquals(Evaluator.argmax(output, 0, output.length), model.classify(input));
    }

    @Test
    void labelsAreTheDigitsForMnistAndTheGarmentsForFashionMnist() throws IOException {
        Model mnist = Model.load(quadratic);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), mnist.labels());
        assertEquals(784, mnist.inputSize());
        assertEquals(10, mnist.outputSize());
        Path fashion = dir.resolve("fashion.safetensors");
        ModelFile.write(fashion, new Network(new int[] {784, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "quadratic (built-in)", "dataset", "fashion-mnist"));
        List<String> garments = Model.load(fashion).labels();
        assertEquals("T-shirt/top", garments.getFirst());
        assertEquals("Ankle boot", garments.getLast());
    }

    @Test
    void refusesInputsOfTheWrongSizeNamingBoth() {
        Model model = Model.load(quadratic);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[10]));
        assertEquals("input holds 10 values; the model takes 784", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[][] {new float[784], new float[783]}));
        assertEquals("inputs[1] holds 783 values; the model takes 784", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[784], new float[9]));
        assertEquals("output holds 9 floats; the model has 10 outputs", e.getMessage());
    }

    @Test
    void namesTheMissingCostPluginWithTheJarTheModelRecordsAndHowToPassAPluginFolder() throws IOException {
        Path odd = dir.resolve("logcosh.safetensors");
        ModelFile.write(odd, new Network(new int[] {784, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "log-cosh (acme-logcosh.jar 1.0)", "dataset", "mnist"));
        DescentException e = assertThrows(DescentException.class, () -> Model.load(odd));
        assertEquals("model " + odd + " needs cost 'log-cosh' from acme-logcosh.jar 1.0 (not built in); pass"
                + " PluginFolder.of(DIR) with that jar", e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("no-plugins"));
        e = assertThrows(DescentException.class, () -> Model.load(odd, PluginFolder.of(empty)));
        assertTrue(e.getMessage().startsWith("model " + odd + " needs cost 'log-cosh'"), e.getMessage());
        Path renamed = dir.resolve("renamed.safetensors");
        ModelFile.write(renamed, new Network(new int[] {784, 4, 10}, Activation.SIGMOID),
                Map.of("cost", "quadratic-v2 (built-in)", "descent_version", "9.0.0", "dataset", "mnist"));
        e = assertThrows(DescentException.class, () -> Model.load(renamed));
        assertTrue(e.getMessage().startsWith("model " + renamed + " needs cost 'quadratic-v2', built into descent"
                + " 9.0.0 that trained it but not into this one; available: "), e.getMessage());
        assertTrue(e.getMessage().contains("quadratic"), e.getMessage());
        e = assertThrows(DescentException.class, () -> Model.load(odd, PluginFolder.of(dir.resolve("absent"))));
        assertTrue(e.getMessage().endsWith("(from PluginFolder.of(" + dir.resolve("absent") + "))"), e.getMessage());
    }
}
