package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind through the real command line, in-process, one test per case: each must
 * exit with code 2 and one line on stderr that names the file, key or plugin at fault, with no stack
 * trace, and leave nothing half-written (no final model of a failed run, no temporary files).
 *
 * <p>Data files are a 40-image made-up MNIST ({@link TinyMnist}) with one file damaged per case; models
 * and checkpoints come from a two-epoch run trained once for the class, copied and damaged per case,
 * and each damaged model is given to the four commands that read models: {@code eval}, {@code predict},
 * {@code report} and {@code train --resume} (which reads the checkpoint).
 */
class BadInputTest {
    private static final String CONFIG = """
            seed: 3
            data: {dataset: mnist}
            network: {layers: [784, 8, 10]}
            training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
            """;
    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final String LABELS = "train-labels-idx1-ubyte.gz";

    @TempDir
    static Path dir;
    static Path goodData;
    static Path goodRun;
    static Path otherRun;
    static Path digit;
    static int caseNumber;

    @BeforeAll
    static void trainARun() throws IOException {
        goodData = TinyMnist.write(dir.resolve("good-data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), CONFIG);
        goodRun = dir.resolve("good-run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", goodData.toString(), "--out", goodRun.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        otherRun = dir.resolve("other-run");
        r = Cli.run("train", config.toString(), "--data", goodData.toString(), "--out", otherRun.toString(), "--quiet",
                "--set", "network.layers=[784,12,10]");
        assertEquals(0, r.exitCode(), r.err());
        digit = dir.resolve("seven.png");
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 28, 28);
        g.setColor(Color.BLACK);
        g.fillRect(6, 5, 16, 3);
        g.fillRect(17, 5, 3, 18);
        g.dispose();
        ImageIO.write(image, "png", digit.toFile());
    }

    /** What one case runs and what its message must name. */
    record Invocation(List<String> args, List<String> mentions) {
        static Invocation of(List<String> args, String... mentions) {
            return new Invocation(args, List.of(mentions));
        }
    }

    @FunctionalInterface
    interface Setup {
        Invocation prepare(Path caseDir) throws Exception;
    }

    private static DynamicTest badInput(String name, Setup setup) {
        return DynamicTest.dynamicTest(name, () -> {
            Path caseDir = Files.createDirectories(dir.resolve("case-" + (++caseNumber)));
            Invocation invocation = setup.prepare(caseDir);
            Cli.Result r = Cli.run(invocation.args().toArray(String[]::new));
            assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err() + "\nstdout: " + r.out());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), "one line: " + r.err());
            assertTrue(err.startsWith("descent: "), err);
            assertFalse(err.contains("\tat ") || err.contains("Caused by") || err.contains("internal error"),
                    "no stack trace, no internal error: " + err);
            for (String mention : invocation.mentions()) {
                assertTrue(err.contains(mention), "'" + mention + "' in: " + err);
            }
            assertNothingHalfWritten(caseDir);
        });
    }

    /** No temporary file anywhere under the case's folder, and no final model of a run that failed. */
    private static void assertNothingHalfWritten(Path caseDir) throws IOException {
        try (Stream<Path> files = Files.walk(caseDir)) {
            List<Path> temporary = files.filter(f -> f.getFileName().toString().endsWith(".tmp")
                    || f.getFileName().toString().endsWith(".part")).toList();
            assertTrue(temporary.isEmpty(), "temporary files left: " + temporary);
        }
        assertFalse(Files.exists(caseDir.resolve("run").resolve("model.safetensors")), "a failed run wrote a model");
    }

    // ---------------------------------------------------------------- IDX data files

    /** Trains the tiny config on a copy of the good data in which {@code damage} changed one file. */
    private static DynamicTest idx(String name, String file, IdxDamage damage, String... mentions) {
        return badInput(name, caseDir -> {
            Path data = TinyMnist.write(caseDir.resolve("data"));
            damage.apply(data.resolve("mnist"), data.resolve("mnist").resolve(file));
            Path config = Files.writeString(caseDir.resolve("tiny.yaml"), CONFIG);
            List<String> all = new ArrayList<>(List.of(file));
            all.addAll(Arrays.asList(mentions));
            return new Invocation(List.of("train", config.toString(), "--data", data.toString(), "--out",
                    caseDir.resolve("run").toString(), "--quiet"), all);
        });
    }

    @FunctionalInterface
    interface IdxDamage {
        void apply(Path folder, Path file) throws Exception;
    }

    private static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols).putInt(2051).putInt(count).putInt(rows)
                .putInt(cols);
        return b.array();
    }

    @TestFactory
    Stream<DynamicTest> idxFiles() {
        return Stream.of(
                idx("rejectsAnEmptyImagesFile", IMAGES, (f, file) -> Files.write(file, new byte[0]), "empty"),
                idx("rejectsAFileThatIsNeitherGzipNorIdx", IMAGES,
                        (f, file) -> Files.writeString(file, "<html>404 Not Found</html>\n"), "magic number"),
                idx("rejectsTruncatedGzip", IMAGES, (f, file) -> {
                    byte[] bytes = Files.readAllBytes(file);
                    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                }, "truncated"),
                idx("rejectsGzipWithADamagedChecksum", LABELS, (f, file) -> {
                    byte[] bytes = Files.readAllBytes(file);
                    bytes[bytes.length - 6] ^= 0x55;   // the CRC32 in the gzip trailer
                    Files.write(file, bytes);
                }, "corrupt gzip"),
                idx("rejectsAWrongMagicNumber", IMAGES, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(16).putInt(0x12345678).putInt(40).putInt(28).putInt(28).array(),
                                new byte[40 * 784]),
                        "magic number 305419896"),
                idx("rejectsALabelsFileWhereImagesBelong", IMAGES, (f, file) -> TinyMnist.writeLabels(file, 40, -1),
                        "labels file"),
                idx("rejectsAHeaderCountLargerThanTheDataRaw", IMAGES, (f, file) -> {
                    byte[] raw = images(40, 28, 28);
                    ByteBuffer.wrap(raw).putInt(4, 41);
                    Files.write(file, raw);
                }, "41 images", "holds only"),
                idx("rejectsAHeaderCountLargerThanTheDataGzip", LABELS, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(8).putInt(2049).putInt(45).array(), new byte[40]), "45 labels",
                                "holds only"),
                idx("rejectsACountOf2To31Minus1Raw", IMAGES, (f, file) -> {
                    byte[] raw = images(40, 28, 28);
                    ByteBuffer.wrap(raw).putInt(4, Integer.MAX_VALUE);
                    Files.write(file, raw);
                }, "2147483647 images"),
                idx("rejectsACountOf2To31Minus1Gzip", LABELS, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(8).putInt(2049).putInt(Integer.MAX_VALUE).array(), new byte[40]),
                        "2147483647 labels"),
                idx("rejectsANegativeCount", LABELS, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(8).putInt(2049).putInt(-5).array(), new byte[40]), "-5 labels"),
                idx("rejectsAbsurdDimensions", IMAGES, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(16).putInt(2051).putInt(40).putInt(100_000).putInt(28).array(),
                                new byte[40]),
                        "100000x28"),
                idx("rejectsZeroDimensions", IMAGES, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(16).putInt(2051).putInt(40).putInt(0).putInt(28).array(), new byte[0]),
                        "0x28"),
                idx("rejectsImagesThatAreNotTheNetworksInputShape", IMAGES, (f, file) -> {
                    TinyMnist.gzip(file, ByteBuffer.allocate(16).putInt(2051).putInt(40).putInt(20).putInt(20).array(),
                            new byte[40 * 400]);
                    TinyMnist.gzip(f.resolve("t10k-images-idx3-ubyte.gz"),
                            ByteBuffer.allocate(16).putInt(2051).putInt(20).putInt(20).putInt(20).array(),
                                    new byte[20 * 400]);
                }, "20x20 = 400 pixels", "network.layers", "784"),
                idx("rejectsALabelOutOfRange", LABELS, (f, file) -> TinyMnist.writeLabels(file, 40, 10), "label 10"),
                idx("rejectsImageAndLabelCountsThatDiffer", LABELS, (f, file) -> TinyMnist.writeLabels(file, 39, -1),
                        "40 images", "39 labels"),
                idx("rejectsTrailingBytesAfterTheData", IMAGES, (f, file) -> {
                    byte[] raw = images(40, 28, 28);
                    Files.write(file, Arrays.copyOf(raw, raw.length + 3));
                }, "3 trailing bytes"),
                idx("rejectsTrailingBytesAfterTheDataGzip", LABELS, (f, file) -> TinyMnist.gzip(file,
                        ByteBuffer.allocate(8).putInt(2049).putInt(40).array(), new byte[41]), "1 trailing bytes"),
                idx("rejectsADirectoryWhereAFileShouldBe", IMAGES, (f, file) -> {
                    Files.delete(file);
                    Files.createDirectories(file.resolve("inside"));
                }, "is a directory"),
                idx("rejectsASymbolicLinkThatLoops", IMAGES, (f, file) -> {
                    // As root, file permissions do not stop reads; a link loop is a file the OS refuses to open.
                    Files.delete(file);
                    Files.createSymbolicLink(file, file.getFileName());
                }, "cannot be opened"),
                idx("rejectsADanglingSymbolicLink", IMAGES, (f, file) -> {
                    Files.delete(file);
                    Files.createSymbolicLink(file, f.resolve("nowhere.gz"));
                }, "cannot be opened"),
                idx("rejectsANamedPipeWithoutWaitingForAWriter", LABELS, (f, file) -> {
                    Files.delete(file);
                    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
                    assertEquals(0, mkfifo.waitFor());
                }, "not a regular file"),
                idx("rejectsAnUnreadableFile", IMAGES, (f, file) -> {
                    // chmod 000 stops readers other than root; as root (CI) the case is covered by the link loop.
                    Files.setPosixFilePermissions(file, Set.of());
                    if (Files.isReadable(file)) {
                        Files.delete(file);
                        Files.createSymbolicLink(file, file.getFileName());
                    }
                }, "cannot be"));
    }

    // ---------------------------------------------------------------- YAML configs

    /** Trains with the config text given (or written by {@code write}) on the good data. */
    private static DynamicTest yaml(String name, String text, List<String> extraArgs, String... mentions) {
        return yaml(name, text, extraArgs, extraArgs.isEmpty(), mentions);
    }

    /**
     * {@code namesFile}: the message names the config file. Plugin parameters are checked by the plugin
     * registry, which names the key path and the plugin instead; a --set override is named instead of the file.
     */
    private static DynamicTest yaml(String name, String text, List<String> extraArgs, boolean namesFile,
            String... mentions) {
        return badInput(name, caseDir -> {
            Path config = caseDir.resolve("experiment.yaml");
            Files.writeString(config, text);
            List<String> args = new ArrayList<>(
                    List.of("train", config.toString(), "--data", goodData.toString(), "--out",
                    caseDir.resolve("run").toString(), "--quiet"));
            args.addAll(extraArgs);
            List<String> all = new ArrayList<>(namesFile ? List.of("experiment.yaml") : List.of());
            all.addAll(Arrays.asList(mentions));
            return new Invocation(args, all);
        });
    }

    private static DynamicTest yaml(String name, String text, String... mentions) {
        return yaml(name, text, List.of(), mentions);
    }

    private static String aliasBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            y.append("]\n");
        }
        return y.append("network: {layers: [784, 10]}\n").toString();
    }

    @TestFactory
    Stream<DynamicTest> yamlConfigs() {
        String tenMegabytes = "# " + "x".repeat(10 << 20) + "\n" + CONFIG;
        return Stream.of(
                yaml("rejectsAnEmptyConfig", "", "empty"),
                yaml("rejectsAConfigOfOnlyComments", "# nothing here\n", "empty"),
                yaml("rejectsTextThatIsNotYaml", "network: {layers: [784, 10\ntraining: ]]\n", "as YAML", "line"),
                yaml("rejectsBinaryBytes", "\u0000\u0001\u0002\u00ff\u00fe", "as YAML"),
                yaml("rejectsAListWhereAMappingBelongs", "- 1\n- 2\n", "mapping"),
                yaml("rejectsAnUnknownTopLevelKey", CONFIG + "epoch: 5\n", "'epoch'", "valid keys"),
                yaml("rejectsAnUnknownKeyAtDepthTwo",
                        CONFIG.replace("learning-rate: 1.0", "learning-rate: 1.0, batchsize: 5"), "training.batchsize"),
                yaml("rejectsAnUnknownKeyAtDepthThree", CONFIG + "cost: {name: huber, delta: 1, colour: red}\n",
                        List.of(), false, "'colour'", "cost"),
                yaml("rejectsAnUnknownKeyInANestedSchedule", CONFIG.replace("learning-rate: 1.0",
                        "learning-rate: {name: warmup, steps: 5, then: {name: cosine, rate: 1.0, flor: 0.1}}"),
                                List.of(), false, "'flor'", "training.learning-rate.then"),
                yaml("rejectsAWrongType", CONFIG.replace("epochs: 2", "epochs: two"), "training.epochs", "'two'"),
                yaml("rejectsAListWhereANumberBelongs", CONFIG.replace("batch-size: 10", "batch-size: [10]"),
                        "training.batch-size"),
                yaml("rejectsAnOutOfRangeValue", CONFIG.replace("epochs: 2", "epochs: 0"), "training.epochs", "from 1"),
                yaml("rejectsANegativeLearningRate", CONFIG.replace("learning-rate: 1.0", "learning-rate: -1"),
                        "training.learning-rate"),
                yaml("rejectsAnInfiniteLearningRate", CONFIG.replace("learning-rate: 1.0", "learning-rate: .inf"),
                        "line 4"),
                yaml("rejectsAHugeInteger", CONFIG.replace("seed: 3", "seed: 123456789012345678901234567890"), "seed"),
                yaml("rejectsADuplicateKey", CONFIG + "seed: 4\n", "Duplicate", "seed"),
                yaml("rejectsAnAliasExpansionBomb", aliasBomb(), "aliases are not supported", "*a0"),
                yaml("rejectsAnAliasOfAValidValue", CONFIG + "init: {weights: &w {name: zeros}, biases: *w}\n",
                        "aliases are not supported", "*w", "line 5"),
                yaml("rejectsDeepNesting", "a: " + "[".repeat(200) + "]".repeat(200) + "\n", "as YAML"),
                yaml("rejectsATenMegabyteFile", tenMegabytes, "10485", "at most"),
                yaml("rejectsANetworkTooLargeForMemoryBeforeAllocating",
                        CONFIG.replace("[784, 8, 10]", "[784, 65536, 65536, 65536, 65536, 10]"),
                        "network.layers", "MiB", "parameters"),
                yaml("rejectsAnInputLayerThatIsNot784", CONFIG.replace("[784, 8, 10]", "[100, 8, 10]"),
                        "network.layers"),
                yaml("rejectsABadSetOverride", CONFIG, List.of("--set", "training.epochs=-3"),
                        "--set training.epochs=-3"),
                yaml("rejectsASetOverrideWithoutAKey", CONFIG, List.of("--set", ".=1"), "--set .=1"),
                yaml("rejectsASetOverrideThatIsNotYaml", CONFIG, List.of("--set", "training.epochs=[1"),
                        "--set training.epochs=[1"),
                badInput("rejectsAFolderWhereTheConfigBelongs", caseDir -> Invocation.of(
                        List.of("train", Files.createDirectories(caseDir.resolve("config.yaml")).toString(),
                                "--data", goodData.toString(), "--out", caseDir.resolve("run").toString()),
                        "config.yaml", "folder")),
                badInput("rejectsAMissingConfig", caseDir -> Invocation.of(
                        List.of("train", caseDir.resolve("missing.yaml").toString(), "--data", goodData.toString()),
                        "missing.yaml", "does not exist")));
    }

    // ---------------------------------------------------------------- models and checkpoints

    @FunctionalInterface
    interface ModelDamage {
        void apply(Path file) throws Exception;
    }

    /** One damage, four commands: eval, predict and report read model.safetensors, train --resume the checkpoint. */
    private static Stream<DynamicTest> model(String name, ModelDamage damage, String... mentions) {
        return Stream.of(
                modelCase(name + "ForEval", "model.safetensors", damage, run -> List.of("eval", run.toString(),
                        "--data", goodData.toString()), mentions),
                modelCase(name + "ForPredict", "model.safetensors", damage, run -> List.of("predict", run.toString(),
                        digit.toString()), mentions),
                modelCase(name + "ForReport", "model.safetensors", damage, run -> List.of("report", run.toString(),
                        "--data", goodData.toString(), "--quiet"), mentions),
                modelCase(name + "ForResume", "checkpoint.safetensors", damage, run -> List.of("train",
                        run.resolve("config.yaml").toString(), "--data", goodData.toString(), "--resume",
                                run.toString(), "--set", "training.epochs=3", "--quiet"), mentions));
    }

    @FunctionalInterface
    interface Command {
        List<String> args(Path run);
    }

    private static DynamicTest modelCase(String name, String file, ModelDamage damage, Command command,
            String... mentions) {
        return badInput(name, caseDir -> {
            Path run = copyRun(goodRun, caseDir.resolve("run-copy"));
            damage.apply(run.resolve(file));
            List<String> all = new ArrayList<>(List.of(file));
            all.addAll(Arrays.asList(mentions));
            return new Invocation(command.args(run), all);
        });
    }

    private static Path copyRun(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static void offsets(ObjectNode header, String tensor, long begin, long end) {
        ((ObjectNode) header.get(tensor)).putArray("data_offsets").add(begin).add(end);
    }

    @TestFactory
    Stream<DynamicTest> modelFiles() {
        return Stream.of(
                model("rejectsAnEmptyModel", f -> Files.write(f, new byte[0]), "0 bytes"),
                model("rejectsATruncatedModel", f -> SafetensorsEdits.truncate(f, Files.size(f) / 2), "bytes"),
                model("rejectsATruncatedHeader", f -> SafetensorsEdits.truncate(f, 100), "header length"),
                model("rejectsAHeaderLengthLargerThanTheFile", f -> SafetensorsEdits.headerLength(f, Files.size(f) + 8),
                        "header length"),
                model("rejectsANegativeHeaderLength", f -> SafetensorsEdits.headerLength(f, -8), "header length"),
                model("rejectsAHeaderThatIsNotJson", f -> SafetensorsEdits.headerText(f, "{\"layer1.weight\": [1, 2,"),
                        "not a JSON object"),
                model("rejectsAHeaderThatIsAJsonArray", f -> SafetensorsEdits.headerText(f, "[]"), "not a JSON object"),
                model("rejectsTensorOffsetsOutOfRange", f -> SafetensorsEdits.editHeader(f,
                        h -> offsets(h, "layer1.bias", 1L << 40, (1L << 40) + 32)), "layer1.bias", "offsets"),
                model("rejectsTensorOffsetsThatOverlap", f -> SafetensorsEdits.editHeader(f, h -> {
                    long weightBegin = h.get("layer1.weight").get("data_offsets").get(0).asLong();
                    offsets(h, "layer1.bias", weightBegin, weightBegin + 32);
                }), "overlap"),
                model("rejectsAShapeThatDoesNotMatchTheLayers", f -> SafetensorsEdits.editHeader(f,
                        h -> ((ObjectNode) h.get("layer1.weight")).putArray("shape").add(784).add(8)),
                        "layer1.weight", "[784, 8]"),
                model("rejectsLayersMetadataThatDoesNotMatchTheTensors", f -> SafetensorsEdits.editHeader(f,
                        h -> ((ObjectNode) h.get("__metadata__")).put("layers", "784,9,10")), "layer1.weight"),
                model("rejectsMetadataClaimingAHugeNetworkBeforeAllocating", f -> SafetensorsEdits.editHeader(f,
                        h -> ((ObjectNode) h.get("__metadata__")).put("layers", "65536,65536,65536,65536,10")),
                        "layer1.weight"),
                model("rejectsADtypeOtherThanF32", f -> SafetensorsEdits.editHeader(f,
                        h -> ((ObjectNode) h.get("layer1.bias")).put("dtype", "F64")), "layer1.bias", "F64"),
                model("rejectsNaNWeights", f -> SafetensorsEdits.setFloat(f, "layer1.weight", 5, Float.NaN),
                        "layer1.weight", "NaN"),
                model("rejectsInfiniteBiases",
                        f -> SafetensorsEdits.setFloat(f, "layer2.bias", 0, Float.POSITIVE_INFINITY),
                        "layer2.bias", "infinite"),
                model("rejectsAFolderWhereTheModelBelongs", f -> {
                    Files.delete(f);
                    Files.createDirectories(f.resolve("inside"));
                }),
                Stream.of(
                        modelCase("rejectsAModelOfAnotherNetworkThanTheConfigForReport", "model.safetensors",
                                f -> Files.copy(otherRun.resolve("model.safetensors"), f,
                                        StandardCopyOption.REPLACE_EXISTING),
                                run -> List.of("report", run.toString(), "--data", goodData.toString()), "784,12,10",
                                        "784,8,10"),
                        modelCase("rejectsACheckpointOfAnotherNetworkThanTheConfigForResume", "checkpoint.safetensors",
                                f -> Files.copy(otherRun.resolve("checkpoint.safetensors"), f,
                                        StandardCopyOption.REPLACE_EXISTING),
                                run -> List.of("train", run.resolve("config.yaml").toString(), "--data",
                                        goodData.toString(),
                                        "--resume", run.toString(), "--set", "training.epochs=3"), "checkpoint",
                                                "network.layers"),
                        modelCase("rejectsACheckpointWithBadResumeMetadata", "checkpoint.safetensors",
                                f -> SafetensorsEdits.editHeader(f, h -> ((ObjectNode) h.get("__metadata__"))
                                        .put("checkpoint_results", "[[\"0\", \"x\"]]")),
                                run -> List.of("train", run.resolve("config.yaml").toString(), "--data",
                                        goodData.toString(),
                                        "--resume", run.toString(), "--set", "training.epochs=3"),
                                                "checkpoint_results")))
                .flatMap(s -> s);
    }

    // ---------------------------------------------------------------- plugins

    private static DynamicTest plugin(String name, String costLine, PluginFolder folder, String... mentions) {
        return badInput(name, caseDir -> {
            Path config = Files.writeString(caseDir.resolve("plugged.yaml"), CONFIG + costLine);
            List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", goodData.toString(),
                    "--out", caseDir.resolve("run").toString(), "--quiet"));
            if (folder != null) args.addAll(List.of("--plugins", folder.make(caseDir.resolve("plugins")).toString()));
            return new Invocation(args, List.of(mentions));
        });
    }

    @FunctionalInterface
    interface PluginFolder {
        Path make(Path folder) throws IOException;
    }

    @TestFactory
    Stream<DynamicTest> plugins() {
        return Stream.of(
                plugin("rejectsAnUnknownPluginName", "cost: quadratc\n", null, "unknown cost 'quadratc'", "at cost",
                        "did you mean 'quadratic'"),
                plugin("rejectsAnUnknownPluginParameter", "cost: {name: huber, delta: 1, width: 2}\n", null, "'width'",
                        "huber"),
                plugin("rejectsAPluginParameterOutOfRange", "cost: {name: huber, delta: -1}\n", null, "cost.delta"),
                plugin("rejectsAJarThatIsNotAJar", "", folder -> {
                    Files.createDirectories(folder);
                    Files.writeString(folder.resolve("notes.jar"), "these are notes, not a jar");
                    return folder;
                }, "notes.jar", "not a readable jar"),
                plugin("rejectsAnEmptyJar", "", folder -> {
                    Files.createDirectories(folder);
                    Files.write(folder.resolve("empty.jar"), new byte[0]);
                    return folder;
                }, "empty.jar"),
                plugin("rejectsAMissingPluginFolder", "", folder -> folder.resolve("missing"), "missing",
                        "plugin folder"),
                plugin("rejectsAProviderWhoseConstructorThrows", "", FaultyPlugins::throwingConstructor,
                        "throwing-provider.jar", "ThrowingProvider", "constructor refuses to run"),
                plugin("rejectsAProviderWhoseCreateThrows", "cost: broken-cost\n", FaultyPlugins::costs,
                        "'broken-cost'", "faulty-costs.jar", "no licence server"),
                plugin("stopsACostThatReturnsNaNAsDivergence", "cost: nan-cost\n", FaultyPlugins::costs, "diverged",
                        "epoch 1", "step 1", "NaN", "nan-cost", "faulty-costs.jar"));
    }

    // ---------------------------------------------------------------- pictures for predict

    private static DynamicTest picture(String name, PictureFile write, String... mentions) {
        return badInput(name, caseDir -> {
            Path picture = write.make(caseDir);
            List<String> all = new ArrayList<>(List.of(picture.getFileName().toString()));
            all.addAll(Arrays.asList(mentions));
            return new Invocation(List.of("predict", goodRun.toString(), picture.toString()), all);
        });
    }

    @FunctionalInterface
    interface PictureFile {
        Path make(Path caseDir) throws IOException;
    }

    /** A PNG with only a signature, an IHDR chunk claiming the given size, and IEND: no pixel data. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A BMP header claiming width x height 24-bit pixels, followed by none of them. */
    static byte[] bmpHeader(int width, int height) {
        return ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'B').put((byte) 'M')
                .putInt(54 + width * height * 3).putInt(0).putInt(54)
                .putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(width * height * 3).putInt(2835).putInt(2835).putInt(0).putInt(0).array();
    }

    @TestFactory
    Stream<DynamicTest> pictures() {
        return Stream.of(
                picture("rejectsAFileThatIsNotAPicture",
                        c -> Files.writeString(c.resolve("notes.png"), "not a picture"), "not a picture"),
                picture("rejectsAZeroByteFile", c -> Files.write(c.resolve("empty.png"), new byte[0]), "empty"),
                picture("rejectsAPictureOfZeroWidth", c -> Files.write(c.resolve("flat.png"), pngHeader(0, 10)), ""),
                picture("rejectsHugeDimensionsBeforeDecoding",
                        c -> Files.write(c.resolve("huge.png"), pngHeader(100_000, 100_000)), "100000x100000",
                                "at most"),
                picture("rejectsTooManyPixelsBeforeDecoding",
                        c -> Files.write(c.resolve("wide.png"), pngHeader(9_000, 9_000)), "9000x9000", "at most"),
                picture("rejectsAPictureWhosePixelsAreMissing",
                        c -> Files.write(c.resolve("cut.bmp"), bmpHeader(2_000, 2_000)), "damaged"),
                picture("rejectsATruncatedPng", c -> {
                    byte[] png = Files.readAllBytes(digit);
                    return Files.write(c.resolve("half.png"), Arrays.copyOf(png, png.length / 2));
                }, "damaged"),
                picture("rejectsABlankPicture", c -> {
                    BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = white.createGraphics();
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, 40, 40);
                    g.dispose();
                    Path file = c.resolve("blank.png");
                    ImageIO.write(white, "png", file.toFile());
                    return file;
                }, "shows no digit"),
                picture("rejectsAFolderWhereAPictureBelongs", c -> Files.createDirectories(c.resolve("folder.png")),
                        "folder"),
                picture("rejectsAMissingPicture", c -> c.resolve("missing.png"), "does not exist"));
    }
}
