package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.descent.data.Dataset;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.training.Batches;
import dev.descent.training.Evaluator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code descent export --format onnx}: ONNX Runtime, given the inputs descent eval feeds the network
 * (grey values / 255), computes the outputs of descent's own forward pass for the model of every
 * shipped config; bad input exits 2 with one line and writes nothing.
 */
class ExportCommandTest {
    static final double TOLERANCE = 1e-5;
    static final int TRAIN_IMAGES = 200;
    static final int TEST_IMAGES = 1000;
    static final Path CONFIGS = Path.of("../configs");

    @TempDir
    static Path dir;
    static Path data;
    static Path tinyRun;

    @BeforeAll
    static void writeData() throws IOException {
        data = dir.resolve("data");
        for (String dataset : List.of("mnist", "fashion-mnist")) {
            Path folder = Files.createDirectories(data.resolve(dataset));
            writeImages(folder.resolve("train-images-idx3-ubyte.gz"), TRAIN_IMAGES, dataset.length());
            TinyMnist.writeLabels(folder.resolve("train-labels-idx1-ubyte.gz"), TRAIN_IMAGES, -1);
            writeImages(folder.resolve("t10k-images-idx3-ubyte.gz"), TEST_IMAGES, dataset.length() + 100);
            TinyMnist.writeLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"), TEST_IMAGES, -1);
        }
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 5
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: {name: quadratic}
                training: {epochs: 1, batch-size: 10, learning-rate: 1.0}
                """);
        tinyRun = dir.resolve("tiny-run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", tinyRun.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    /** Strokes of ink on a dark background, different in every image: about a fifth of the pixels lit. */
    static void writeImages(Path file, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer header = ByteBuffer.allocate(16).putInt(2051).putInt(count).putInt(28).putInt(28);
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < pixels.length; i++) {
            if (random.nextInt(5) == 0) pixels[i] = (byte) random.nextInt(1, 256);
        }
        TinyMnist.gzip(file, header.array(), pixels);
    }

    static Stream<Path> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            List<Path> configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(configs.isEmpty(), "no configs in " + CONFIGS.toAbsolutePath());
            return configs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void onnxRuntimeComputesDescentsOutputsForEveryShippedConfig(Path config) throws IOException, OrtException {
        String name = config.getFileName().toString().replace(".yaml", "");
        Path run = dir.resolve(name);
        Cli.Result train = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--set", "training.epochs=1", "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        Path onnx = dir.resolve(name + ".onnx");
        Cli.Result export = Cli.run("export", run.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("ONNX opset 13"), export.out());

        TrainedModel trained = TrainedModel.load(run, new PluginOptions());
        String dataset = trained.metadata().get("dataset");
        assertTrue(List.of("mnist", "fashion-mnist").contains(dataset),
                config + " trains on data this test does not write (dataset " + dataset + "): give it its inputs here");
        Dataset test = Dataset.load(data.resolve(dataset).resolve("t10k-images-idx3-ubyte.gz"),
                data.resolve(dataset).resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(TEST_IMAGES, test.count());
        int features = trained.inputs();
        int classes = trained.outputs();
        // descent's outputs as descent eval computes them, batch by batch on the kernels.
        Network network = trained.network();
        float[][] expected = new float[test.count()][classes];
        new Evaluator(new Backprop(KernelProvider.get()), network, trained.cost()).forEachOutput(network, test,
                (sample, outputs, offset) -> System.arraycopy(outputs, offset, expected[sample], 0, classes));
        // The ONNX input is what Batches hands the network: each grey value times 1/255.
        float[] inputs = new float[test.count() * features];
        byte[] pixels = test.pixels();
        for (int i = 0; i < inputs.length; i++) inputs[i] = (pixels[i] & 0xFF) * Batches.PIXEL_SCALE;
        float[][] actual = OnnxRuntimeSession.run(onnx, inputs, test.count(), features);

        assertEquals(test.count(), actual.length);
        double worst = 0;
        for (int s = 0; s < actual.length; s++) {
            assertEquals(classes, actual[s].length);
            for (int j = 0; j < classes; j++) worst = Math.max(worst, Math.abs(expected[s][j] - actual[s][j]));
        }
        assertTrue(worst <= TOLERANCE, name + ": largest difference " + worst + " > " + TOLERANCE);

        boolean softmax = trained.cost().fusesOutputActivation();
        assertTrue(export.out().contains("float: " + (softmax ? "softmax" : "sigmoid") + " of the output layer"),
                export.out());
        if (softmax) {
            for (float[] row : actual) {
                double sum = 0;
                for (float p : row) sum += p;
                assertEquals(1, sum, 1e-5, "softmax outputs sum to 1");
            }
        }
    }

    /**
     * A model of a CSV table exports its input normalisation (and a regression its target scaling) as nodes
     * around the layers: ONNX Runtime, given the table's raw cells, computes what descent predict writes.
     */
    @ParameterizedTest
    @MethodSource("tables")
    void onnxRuntimeComputesDescentsPredictionsForACsvModelFromTheRawCells(String task) throws IOException,
            OrtException {
        Path csv = dir.resolve(task + ".csv");
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder rows = new StringBuilder("size,age,label\n");
        for (int i = 0; i < TEST_IMAGES; i++) {   // 1,000 rows, as many inputs as the shipped configs get
            double size = random.nextDouble(20, 200);
            double age = random.nextDouble(0, 80);
            String label = task.equals("regression") ? Double.toString(1000 * size - 50 * age + 3000)
                    : size > 100 ? "large" : age > 40 ? "old" : "small";
            rows.append(size).append(',').append(age).append(',').append(label).append('\n');
        }
        Files.writeString(csv, rows);
        Path config = Files.writeString(dir.resolve(task + ".yaml"), """
                task: %s
                data: {format: csv, train: %s.csv, label: label, normalize: standard}
                network: {layers: [auto, 8, auto]}
                training: {epochs: 3, learning-rate: 0.5}
                """.formatted(task, task));
        Path run = dir.resolve(task + "-run");
        Cli.Result train = Cli.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        Path onnx = dir.resolve(task + ".onnx");
        Cli.Result export = Cli.run("export", run.toString(), "--out", onnx.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("feature columns size, age"), export.out());
        Path predictions = dir.resolve(task + "-predictions.csv");
        Cli.Result predict = Cli.run("predict", run.toString(), csv.toString(), "--out", predictions.toString());
        assertEquals(0, predict.exitCode(), predict.err());

        List<String> lines = Files.readAllLines(csv);
        float[] inputs = new float[(lines.size() - 1) * 2];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            inputs[(i - 1) * 2] = Float.parseFloat(cells[0]);
            inputs[(i - 1) * 2 + 1] = Float.parseFloat(cells[1]);
        }
        float[][] actual = OnnxRuntimeSession.run(onnx, inputs, lines.size() - 1, 2);
        List<String> expected = Files.readAllLines(predictions);
        assertEquals(actual.length + 1, expected.size());
        double worst = 0;
        for (int s = 0; s < actual.length; s++) {
            String[] cells = expected.get(s + 1).split(",");
            int first = task.equals("regression") ? 0 : 1;   // a classification's row starts with the class
            assertEquals(cells.length - first, actual[s].length);
            for (int j = 0; j < actual[s].length; j++) {
                double want = Double.parseDouble(cells[first + j]);
                // Targets are in the thousands: compare them relative to their size.
                double scale = task.equals("regression") ? Math.max(1, Math.abs(want)) : 1;
                worst = Math.max(worst, Math.abs(want - actual[s][j]) / scale);
            }
        }
        assertTrue(worst <= TOLERANCE, task + ": largest difference " + worst + " > " + TOLERANCE);
    }

    static Stream<String> tables() {
        return Stream.of("classification", "regression");
    }

    @Test
    void writesModelOnnxBesideTheModelFileByDefault() {
        Cli.Result r = Cli.run("export", tinyRun.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(tinyRun.resolve("model.onnx")), r.out());
        assertTrue(r.out().contains("input  'input' [N, 784] float: the 28x28 grey values of an image, row by row, each"
                + " divided by 255"), r.out());
    }

    @Test
    void replacesAnEarlierExport() throws IOException {
        Path out = dir.resolve("again.onnx");
        Files.writeString(out, "an older file");
        Cli.Result r = Cli.run("export", tinyRun.resolve("model.safetensors").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(out) > 784 * 8 * 4, "the weights alone take " + 784 * 8 * 4 + " bytes");
    }

    private static void assertBadInput(Cli.Result r, Path folder, String... fragments) throws IOException {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.contains("onnx")).toList();
            assertEquals(List.of(), left, "nothing written in " + folder);
        }
    }

    @Test
    void refusesAFileThatIsNotAModel() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("not-a-model"));
        Path bogus = Files.writeString(folder.resolve("model.safetensors"), "this is not a safetensors file");
        assertBadInput(Cli.run("export", bogus.toString(), "--out", folder.resolve("x.onnx").toString()), folder,
                bogus.toString());
    }

    @Test
    void refusesAModelThatDoesNotExist() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("missing"));
        assertBadInput(Cli.run("export", folder.resolve("nope.safetensors").toString(), "--out",
                folder.resolve("x.onnx").toString()), folder, "nope.safetensors", "does not exist");
    }

    @Test
    void refusesAnUnknownFormatNamingTheAvailableOnes() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("format"));
        assertBadInput(Cli.run("export", tinyRun.toString(), "--format", "tflite", "--out",
                folder.resolve("x.onnx").toString()), folder,
                "unknown export format 'tflite' at --format; available: onnx");
    }

    @Test
    void refusesAnOutInAFolderThatDoesNotExist() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("no-folder"));
        Path out = folder.resolve("absent").resolve("model.onnx");
        assertBadInput(Cli.run("export", tinyRun.toString(), "--out", out.toString()), folder, "--out " + out,
                "does not exist");
    }

    @Test
    void refusesAnOutThatIsAFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("is-folder"));
        Path out = Files.createDirectories(folder.resolve("model-onnx"));
        Cli.Result r = Cli.run("export", tinyRun.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("--out " + out + " is a folder"), r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.count(), "nothing written in " + out);
        }
    }

    @Test
    void refusesAnOutBelowARegularFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("below-file"));
        Path file = Files.writeString(folder.resolve("plain"), "x");
        Path out = file.resolve("model.onnx");
        assertBadInput(Cli.run("export", tinyRun.toString(), "--out", out.toString()), folder, "is not a folder");
        assertArrayEquals(new byte[] {'x'}, Files.readAllBytes(file));
    }

    @Test
    void refusesToWriteOverTheModelItself() throws IOException {
        Path model = tinyRun.resolve("model.safetensors");
        byte[] before = Files.readAllBytes(model);
        Cli.Result r = Cli.run("export", tinyRun.toString(), "--out", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("is the model file itself"), r.err());
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void helpDescribesTheInputAndTheFormats() {
        Cli.Result r = Cli.run("export", "--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String option : List.of("--format", "--out", "--plugins", "MODEL", "grey values / 255")) {
            assertTrue(r.out().contains(option), option + " in: " + r.out());
        }
    }
}
