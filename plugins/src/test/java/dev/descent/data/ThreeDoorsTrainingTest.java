package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.cli.Main;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 of issue 13, through the command line: one MNIST subset trained through three doors. The
 * built-in IDX path is the reference; the same images as an IDX pair ({@code format: idx}) and as a CSV
 * table ({@code format: csv}, {@code normalize: none}, each cell the IDX input float as {@link
 * Float#toString} prints it) train to exactly its weights and biases for the same seed, and as PNG class
 * folders ({@code format: images}, samples in another order) to a test accuracy within 0.005.
 */
class ThreeDoorsTrainingTest {
    /** Enough for bit-exact comparisons; the accuracy comparison takes all 10,000, so that order matters less. */
    private static final int TRAIN = 3000;
    private static final int TEST = 2000;
    private static final String SETTINGS = """
            seed: 11
            network: {layers: [%s, 30, %s]}
            training: {epochs: %d, batch-size: 10, learning-rate: 3.0}
            """;

    @TempDir
    static Path dir;
    static Dataset all;
    static Dataset train;
    static Dataset test;
    static Path builtInRun;

    @BeforeAll
    static void trainTheBuiltInPath() throws IOException {
        Path mnist = IdxFiles.sharedData().resolve("mnist");
        all = Dataset.load(mnist.resolve("train-images-idx3-ubyte.gz"),
                mnist.resolve("train-labels-idx1-ubyte.gz"));
        train = all.subset("first training images", IntStream.range(0, TRAIN).toArray());
        test = IdxInputs.mnistTest().subset("first test images", IntStream.range(0, TEST).toArray());
        builtInRun = train("builtin", "data: {dataset: mnist}\n" + SETTINGS.formatted(784, 10, 1), "--data",
                dataRoot("root", train).toString());
    }

    /** A data root whose mnist/ folder holds {@code training} and the test images as gzip IDX files. */
    private static Path dataRoot(String name, Dataset training) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("mnist"));
        writeIdx(training, root.resolve("mnist/train-images-idx3-ubyte.gz"),
                root.resolve("mnist/train-labels-idx1-ubyte.gz"));
        writeIdx(test, root.resolve("mnist/t10k-images-idx3-ubyte.gz"),
                root.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        return root;
    }

    @Test
    void anIdxPairTrainsToExactlyTheWeightsOfTheBuiltInPath() {
        Path run = train("idx", """
                data:
                  format: idx
                  train:
                    images: root/mnist/train-images-idx3-ubyte.gz
                    labels: root/mnist/train-labels-idx1-ubyte.gz
                  test: {images: root/mnist/t10k-images-idx3-ubyte.gz, labels: root/mnist/t10k-labels-idx1-ubyte.gz}
                """ + SETTINGS.formatted("auto", "auto", 1));
        assertSameNetwork(builtInRun, run);
        // eval of an IDX pair named on the command line gives the run's own test accuracy.
        assertEquals(accuracy(run), evalAccuracy(run, "--test", dir.resolve("root/mnist/t10k-images-idx3-ubyte.gz")
                .toString(), "--test-labels", dir.resolve("root/mnist/t10k-labels-idx1-ubyte.gz").toString()));
    }

    @Test
    void aCsvTableWithoutNormalisationTrainsToExactlyTheWeightsOfTheBuiltInPath() {
        MnistExports.writeCsv(train, dir.resolve("train.csv"));
        MnistExports.writeCsv(test, dir.resolve("test.csv"));
        Path run = train("csv", """
                data: {format: csv, train: train.csv, test: test.csv, label: label, normalize: none}
                """ + SETTINGS.formatted("auto", "auto", 1));
        assertSameNetwork(builtInRun, run);
        Map<String, String> metadata = ModelFile.read(run.resolve("model.safetensors")).metadata();
        DataDescription d = DataDescription.fromMetadata("model", metadata);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertEquals(784, d.featureNames().size());
        assertEquals("p0", d.featureNames().getFirst());
        assertEquals(accuracy(run), evalAccuracy(run, "--test", dir.resolve("test.csv").toString()));
    }

    /** The accuracy {@code descent eval RUN --json ARGS} prints. */
    private static double evalAccuracy(Path run, String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 3];
            all[0] = "eval";
            all[1] = run.toString();
            all[2] = "--json";
            System.arraycopy(args, 0, all, 3, args.length);
            assertEquals(Main.EXIT_OK, Main.run(all));
        } finally {
            System.setOut(out);
        }
        try {
            return new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8)).get("accuracy").asDouble();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pngClassFoldersTrainToTheTestAccuracyOfTheBuiltInPath() throws IOException {
        Dataset larger = all;
        MnistExports.writePngFolders(larger, dir.resolve("png-train"));
        MnistExports.writePngFolders(test, dir.resolve("png-test"));
        Path reference = train("builtin-large", "data: {dataset: mnist}\n" + SETTINGS.formatted(784, 10, 6), "--data",
                dataRoot("root-large", larger).toString());
        Path run = train("png", """
                data: {format: images, train: png-train, test: png-test}
                """ + SETTINGS.formatted("auto", "auto", 6));
        double expected = accuracy(reference);
        double actual = accuracy(run);
        assertTrue(Math.abs(expected - actual) <= 0.005, "IDX " + expected + ", PNG " + actual);
    }

    private static Path train(String name, String yaml, String... extra) {
        try {
            Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml);
            Path run = dir.resolve("run-" + name);
            String[] args = new String[] {"train", config.toString(), "--out", run.toString(), "--quiet"};
            String[] all = new String[args.length + extra.length];
            System.arraycopy(args, 0, all, 0, args.length);
            System.arraycopy(extra, 0, all, args.length, extra.length);
            assertEquals(Main.EXIT_OK, Main.run(all), name);
            return run;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSameNetwork(Path expectedRun, Path actualRun) {
        Network expected = ModelFile.read(expectedRun.resolve("model.safetensors")).network();
        Network actual = ModelFile.read(actualRun.resolve("model.safetensors")).network();
        assertArrayEquals(expected.sizes(), actual.sizes());
        for (int l = 1; l < expected.depth(); l++) {
            assertArrayEquals(expected.weights(l), actual.weights(l), 0f, "weights of layer " + l);
            assertArrayEquals(expected.biases(l), actual.biases(l), 0f, "biases of layer " + l);
        }
    }

    private static double accuracy(Path run) {
        try {
            return new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("test_accuracy").asDouble();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void writeIdx(Dataset data, Path images, Path labels) {
        byte[] pixels = data.pixels();
        byte[] labelBytes = new byte[data.count()];
        for (int i = 0; i < labelBytes.length; i++) labelBytes[i] = (byte) data.label(i);
        IdxFiles.write(images.getParent(), images.getFileName().toString(),
                IdxFiles.gzip(IdxFiles.images(data.count(), 28, 28, pixels)));
        IdxFiles.write(labels.getParent(), labels.getFileName().toString(),
                IdxFiles.gzip(IdxFiles.labels(data.count(), labelBytes)));
    }
}
