package dev.descent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.descent.DescentException;
import dev.descent.data.images.ImageSize;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.samples.Task;
import dev.descent.kernel.Activation;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.PluginSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads an experiment YAML, applies {@code --set key=value} overrides, and binds and validates the
 * result into an {@link ExperimentConfig}. Also writes a config back as YAML that loads to the same
 * record, so every run folder holds a replayable {@code config.yaml}.
 */
public final class ConfigLoader {
    /** Configs are a few hundred bytes; anything near this is not a config. */
    static final long MAX_FILE_BYTES = 1 << 20;
    static final List<String> DATASETS = List.of("mnist", "fashion-mnist");
    static final int IMAGE_PIXELS = 28 * 28;
    static final int CLASSES = 10;
    static final int MAX_LAYER_WIDTH = 1 << 16;
    static final List<String> FORMATS = List.of("csv", "images", "idx");
    /** The data keys that describe a user's own data, refused for a built-in set. */
    private static final List<String> OWN_DATA_KEYS = List.of("train", "test", "test-split", "label", "features",
            "normalize", "normalize-targets", "image");

    private static final String LEARNING_RATE = "training.learning-rate";
    /** The keys whose values are plugins, each a name or a mapping with {@code name} and parameters. */
    private static final List<String> PLUGIN_KEYS =
            List.of("cost", "init.weights", "init.biases", LEARNING_RATE, "training.optimizer");

    private static final YAMLMapper MAPPER = createMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {
    }

    private static YAMLMapper createMapper() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);   // an alias bomb expands exponentially
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        YAMLMapper mapper = new YAMLMapper(factory);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    /** Loads {@code file} with the overrides, each {@code dotted.key=value} (value in YAML syntax). */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        return load(file, overrides, "--set", note -> { });
    }

    /**
     * Loads {@code file} with the overrides as {@link #load(Path, List)} does, and hands {@code notes} one
     * line per thing the overrides did that the user may not expect (parameters of a replaced plugin dropped).
     */
    public static ExperimentConfig load(Path file, List<String> overrides, Consumer<String> notes) {
        return load(file, overrides, "--set", notes);
    }

    /**
     * Loads {@code file} with overrides as {@link #load(Path, List)} does; {@code origin} says where the
     * overrides came from in messages: {@code --set} for the command line, {@code sweep} for a sweep's trials.
     */
    public static ExperimentConfig load(Path file, List<String> overrides, String origin) {
        return load(file, overrides, origin, note -> { });
    }

    /** Loads {@code file} with overrides from {@code origin}, handing {@code notes} what they dropped. */
    public static ExperimentConfig load(Path file, List<String> overrides, String origin, Consumer<String> notes) {
        String name = file.toString();
        ObjectNode tree = (ObjectNode) readTree(file, name);
        expandShorthands(tree);
        ConfigSource source = ConfigSource.of(name);
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new DescentException("invalid " + origin + " '" + override
                        + "': expected key=value, e.g. training.epochs=5");
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            JsonNode node = parseValue(key, value, origin);
            String[] parts = keyPath(key, override, origin);
            if (parts[parts.length - 1].equals("name")) replacePlugin(tree, parts, node, source, notes);
            apply(tree, parts, node);
            source = source.withOverride(key, origin + " " + override);
            // An override may itself be a shorthand: --set training.learning-rate=0.5.
            expandShorthands(tree);
        }
        Path folder = file.toAbsolutePath().getParent();
        return bind(tree, source, folder);
    }

    /**
     * Binds a config held in memory, e.g. a run's config.yaml shipped to another machine; {@code name}
     * stands for the file in messages. A relative {@code plugins.dir} stays as written: there is no file
     * to resolve it against.
     */
    public static ExperimentConfig parse(String yaml, String name) {
        ObjectNode tree = (ObjectNode) readTree(yaml, name);
        expandShorthands(tree);
        return bind(tree, ConfigSource.of(name), null);
    }

    private static JsonNode readTree(Path file, String name) {
        return readTree(file, name, "config", "configs/mnist-seed.yaml");
    }

    /**
     * The YAML mapping in {@code file}, read with the limits every descent YAML file gets; {@code kind}
     * ("config", "sweep") and {@code example} finish the messages.
     */
    static JsonNode readTree(Path file, String name, String kind, String example) {
        return readTree(readText(file, name, kind), name, example);
    }

    /**
     * The text of a config or sweep file. Only a regular file is read (a device such as /dev/zero never
     * ends, a FIFO blocks until someone writes), and never more than the limit, whatever size the file
     * claims: a file may grow while it is read.
     */
    private static String readText(Path file, String name, String kind) {
        try {
            if (Files.isDirectory(file)) throw new DescentException(name + " is a folder, not a " + kind + " file");
            if (!Files.exists(file)) throw new DescentException(kind + " file " + name + " does not exist");
            if (!Files.isRegularFile(file)) {
                throw new DescentException(name + " is not a regular file (a device, FIFO or socket, or a link to one);"
                        + " give a " + kind + " file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DescentException(
                        name + " is " + size + " bytes; a " + kind + " is at most " + MAX_FILE_BYTES);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new DescentException(name + " is more than " + MAX_FILE_BYTES + " bytes; a " + kind
                        + " is at most " + MAX_FILE_BYTES);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new DescentException(kind + " file " + name + " does not exist");
        } catch (CharacterCodingException e) {
            throw new DescentException("cannot read " + name + " as YAML: it is not UTF-8 text");
        } catch (IOException e) {
            throw new DescentException("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static JsonNode readTree(String text, String name) {
        return readTree(text, name, "configs/mnist-seed.yaml");
    }

    private static JsonNode readTree(String text, String name, String example) {
        try {
            refuseAliasesAndDocuments(text, name);
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new DescentException(name + " is empty; see " + example + " for an example");
            }
            if (!tree.isObject()) {
                throw new DescentException(name + " is not a YAML mapping of keys to values");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new DescentException("cannot read " + name + " as YAML: " + firstLine(e.getOriginalMessage())
                    + location(e));
        } catch (IOException e) {
            throw new DescentException("cannot read " + name + " as YAML: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof DescentException) throw e;
            // SnakeYAML reports limits (alias bombs, size) with its own unchecked exceptions.
            throw new DescentException("cannot read " + name + " as YAML: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Reads every token of every document once, before the tree is built, to refuse what Jackson would
     * otherwise accept silently. An alias ({@code *name}) reads as the text of its anchor's name, so a
     * config using one would be refused with a baffling message, or worse accepted; descent's configs are
     * small enough to write out, so aliases are refused by name (nothing expands them, so alias bombs
     * cost nothing). A second document ({@code ---}) would be ignored, keys and all.
     */
    private static void refuseAliasesAndDocuments(String text, String name) throws IOException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            int depth = 0;
            boolean seenDocument = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new DescentException("YAML aliases are not supported: *" + parser.getText() + " in " + name
                            + location(parser) + "; write the value out in full");
                }
                if (depth == 0) {
                    if (seenDocument) {
                        throw new DescentException(name + " holds more than one YAML document: another starts"
                                + location(parser) + " after a '---' line; descent reads one, so put every key in"
                                + " the first and remove the rest");
                    }
                    seenDocument = true;
                }
                if (token.isStructStart()) depth++;
                else if (token.isStructEnd()) depth--;
            }
        }
    }

    private static String location(JsonParser parser) {
        var at = parser.currentTokenLocation();
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A value written in YAML syntax, as {@code --set} takes it; null when it is not valid YAML. */
    static JsonNode parseValue(String value) {
        try {
            JsonNode node = MAPPER.readTree(value.isEmpty() ? "''" : value);
            return node == null ? MAPPER.getNodeFactory().textNode(value) : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parseValue(String key, String value, String origin) {
        try {
            JsonNode node = MAPPER.readTree(value.isEmpty() ? "''" : value);
            return node == null ? MAPPER.getNodeFactory().textNode(value) : node;
        } catch (JsonProcessingException e) {
            throw new DescentException("invalid value in " + origin + " " + key + "=" + value + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    private static String[] keyPath(String key, String override, String origin) {
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new DescentException("invalid key in " + origin + " " + override
                        + ": expected a dotted key path, e.g. training.epochs=5");
            }
        }
        return parts;
    }

    private static void apply(ObjectNode root, String[] parts, JsonNode value) {
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                // A scalar here is replaced by a mapping the override fills (plugin names are mappings by now).
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(parts[parts.length - 1], value);
    }

    /**
     * {@code --set KEY.name=OTHER} replaces the plugin at KEY: the parameters the file gave the old
     * plugin mean nothing to the new one and are dropped, with one note; those set by earlier overrides
     * were given for the new plugin and stay, to be checked against it.
     */
    private static void replacePlugin(ObjectNode root, String[] parts, JsonNode newName, ConfigSource source,
                                      Consumer<String> notes) {
        JsonNode plugin = root;
        for (int i = 0; i < parts.length - 1 && plugin != null; i++) plugin = plugin.get(parts[i]);
        if (!(plugin instanceof ObjectNode mapping) || !mapping.path("name").isTextual()) return;
        String oldName = mapping.get("name").textValue();
        if (!newName.isTextual() || newName.textValue().equals(oldName)) return;
        String at = String.join(".", Arrays.copyOf(parts, parts.length - 1));
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> parameter : mapping.properties()) {
            String key = parameter.getKey();
            if (!key.equals("name") && source.override(at + "." + key) == null) dropped.add(key);
        }
        if (dropped.isEmpty()) return;
        dropped.forEach(mapping::remove);
        notes.accept(at + ": dropped " + String.join(", ", dropped) + " of " + oldName + " for " + newName.textValue());
    }

    /**
     * The shorthands of plugin keys, rewritten in the tree so that every plugin binds one way: a name
     * alone ({@code cost: huber}) is {@code {name: huber}}, and a number as the learning rate
     * ({@code learning-rate: 3.0}) is {@code {name: constant, rate: 3.0}}. Run before the overrides, so
     * that {@code --set training.learning-rate.rate=0.5} lands in the mapping, and after each, so that
     * {@code --set training.learning-rate=0.5} means the same as in the file.
     */
    private static void expandShorthands(ObjectNode root) {
        for (String key : PLUGIN_KEYS) {
            String[] parts = key.split("\\.");
            JsonNode parent = root;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) parent = parent.get(parts[i]);
            if (!(parent instanceof ObjectNode mapping)) continue;
            JsonNode value = mapping.get(parts[parts.length - 1]);
            if (value == null) continue;
            ObjectNode expanded;
            if (value.isTextual()) {
                expanded = mapping.objectNode().put("name", value.textValue());
            } else if (value.isNumber() && key.equals(LEARNING_RATE)) {
                // As a double, as the shorthand always bound: config.yaml keeps writing rate: 3.0, not 3.
                expanded = mapping.objectNode().put("name", "constant").put("rate", value.doubleValue());
            } else {
                continue;
            }
            mapping.set(parts[parts.length - 1], expanded);
        }
    }

    static ExperimentConfig bind(JsonNode tree, ConfigSource source, Path folder) {
        ConfigNode root = new ConfigNode(tree, "", source);
        long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);

        Task task = Task.of(root.choice("task", Task.CLASSIFICATION.id(),
                Arrays.stream(Task.values()).map(Task::id).toList()), "task");
        ConfigNode dataNode = root.object("data");
        DataConfig data = data(dataNode, task, source, folder);
        dataNode.finish();

        ConfigNode networkNode = root.object("network");
        List<Integer> layers = networkNode.layers("layers", 1, MAX_LAYER_WIDTH);
        String activation = networkNode.choice("activation", "sigmoid",
                Activation.HIDDEN.stream().map(Activation::configName).toList());
        // A regression's targets are any real numbers: its output layer is linear unless the config says otherwise.
        String output = networkNode.choice("output-activation",
                task == Task.REGRESSION ? Activation.IDENTITY.configName() : activation,
                Arrays.stream(Activation.values()).map(Activation::configName).toList());
        networkNode.finish();
        if (data.builtIn()) {
            // A built-in set's shape is known now: auto binds here, so nothing later tells the two apart.
            if (layers.size() >= 2 && layers.getFirst() == NetworkConfig.AUTO) layers.set(0, IMAGE_PIXELS);
            if (layers.size() >= 2 && layers.getLast() == NetworkConfig.AUTO) layers.set(layers.size() - 1, CLASSES);
            checkLayers(layers, source);
        } else if (layers.size() < 2) {
            checkLayers(layers, source);
        }
        NetworkConfig network = new NetworkConfig(layers, Activation.valueOf(activation.toUpperCase(Locale.ROOT)),
                Activation.valueOf(output.toUpperCase(Locale.ROOT)));
        network.requireTrainingMemory(source.describe("network.layers"));

        PluginSpec cost = root.plugin("cost", "quadratic");

        ConfigNode initNode = root.object("init");
        InitConfig init = new InitConfig(initNode.plugin("weights", "gaussian"), initNode.plugin("biases", "gaussian"));
        initNode.finish();

        ConfigNode trainingNode = root.object("training");
        int epochs = (int) trainingNode.integer("epochs", 30, 1, 1_000_000);
        int batchSize = (int) trainingNode.integer("batch-size", 10, 1, 1 << 20);
        PluginSpec learningRate = trainingNode.plugin("learning-rate", "constant");
        PluginSpec optimizer = trainingNode.plugin("optimizer", "sgd");
        double weightDecay = trainingNode.number("weight-decay", 0, 0, false, 1e3);
        List<Double> dropout = trainingNode.rates("dropout", layers.size() - 2);
        ConfigNode stopNode = trainingNode.object("stop");
        double stopGradientNorm = stopNode.number("gradient-norm", 0, 0, false, Double.POSITIVE_INFINITY);
        stopNode.finish();
        boolean earlyStopping = trainingNode.raw("early-stop") != null;
        ConfigNode earlyNode = trainingNode.object("early-stop");
        EarlyStop earlyStop = null;
        if (earlyStopping) {
            earlyStop = new EarlyStop(
                    earlyNode.choice("metric", "validation-cost", List.of("validation-cost", "validation-accuracy")),
                    (int) earlyNode.integer("patience", 5, 0, 1_000_000));
            earlyNode.finish();
            if (task == Task.REGRESSION && earlyStop.metric().equals("validation-accuracy")) {
                String at = "training.early-stop.metric";
                throw new DescentException(at + source.describe(at) + " is validation-accuracy, but a regression has"
                        + " no accuracy; watch validation-cost");
            }
            if (data.validation() == 0) {
                String at = "training.early-stop";
                throw new DescentException(at + source.describe(at)
                        + " watches a validation set, but data.validation is 0;"
                        + " hold out samples, e.g. data.validation: 5000");
            }
        }
        String kernels = trainingNode.choice("kernels", "auto", List.of("auto", "simd", "scalar"));
        int threads = (int) trainingNode.integer("threads", 1, 1, 256);
        int checkpointEvery = (int) trainingNode.integer("checkpoint-every", 1, 0, 1_000_000);
        trainingNode.finish();

        ConfigNode pluginsNode = root.object("plugins");
        String pluginsDir = pluginsDir(pluginsNode, folder);
        pluginsNode.finish();

        root.finish();
        ExperimentConfig config = new ExperimentConfig(seed, data, network, cost, init,
                new TrainingConfig(epochs, batchSize, learningRate, optimizer, weightDecay, dropout, stopGradientNorm,
                        earlyStop, kernels, threads, checkpointEvery),
                pluginsDir, source);
        PluginCompatibility.checkBuiltIns(config, source);
        return config;
    }

    /**
     * The {@code data} section: a built-in set ({@code dataset}) or the user's own data ({@code format}
     * with its files, columns and preprocessing); the keys of the one are refused with the other.
     */
    private static DataConfig data(ConfigNode node, Task task, ConfigSource source, Path folder) {
        String format = node.choice("format", null, FORMATS);
        boolean datasetGiven = node.raw("dataset") != null;
        String dataset = node.choice("dataset", "mnist", DATASETS);
        int validation = (int) node.integer("validation", 0, 0, 1_000_000);
        if (format == null) {
            for (String key : OWN_DATA_KEYS) {
                if (node.raw(key) != null) {
                    String at = node.pathOf(key);
                    throw new DescentException(at + source.describe(at) + " is for your own data, but data.format is"
                            + " not set; add data.format: csv, images or idx (data.dataset: " + dataset
                            + " reads the built-in set)");
                }
            }
            if (task != Task.CLASSIFICATION) {
                throw new DescentException("task " + task + source.describe("task") + " needs your own data;"
                        + " the built-in set " + dataset + " is classified (add data.format: csv)");
            }
            return new DataConfig(dataset, validation);
        }
        if (datasetGiven) {
            String at = node.pathOf("dataset");
            throw new DescentException(at + source.describe(at) + " names a built-in set, but data.format is "
                    + format + "; give one of them");
        }
        if (task == Task.REGRESSION && !format.equals("csv")) {
            throw new DescentException("task regression" + source.describe("task") + " needs data.format: csv;"
                    + " pictures are classified");
        }
        DataConfig.DataFiles train = files(node, "train", format, folder, true);
        DataConfig.DataFiles test = files(node, "test", format, folder, false);
        boolean splitGiven = node.raw("test-split") != null;
        double testSplit = node.number("test-split", test == null ? 0.2 : 0, 0, true, 0.9);
        if (test != null && splitGiven) {
            String at = node.pathOf("test-split");
            throw new DescentException(at + source.describe(at) + " holds out test samples, but data.test names a"
                    + " test set; give one of them");
        }
        boolean csv = format.equals("csv");
        List<String> label = node.names("label");
        List<String> features = node.names("features");
        String normalize = node.choice("normalize", csv ? Normalization.STANDARD.id() : Normalization.NONE.id(),
                Arrays.stream(Normalization.values()).map(Normalization::id).toList());
        boolean normalizeTargets = node.bool("normalize-targets", true);
        for (String key : List.of("label", "features", "normalize-targets")) {
            if (!csv && node.raw(key) != null) {
                String at = node.pathOf(key);
                throw new DescentException(at + source.describe(at) + " names CSV columns, but data.format is "
                        + format);
            }
        }
        if (!format.equals("images") && node.raw("image") != null) {
            String at = node.pathOf("image");
            throw new DescentException(at + source.describe(at) + " is the size pictures are scaled to, for"
                    + " data.format: images, but data.format is " + format);
        }
        ConfigNode imageNode = node.object("image");
        ImageSize image = ImageSize.DEFAULT;
        if (format.equals("images")) {
            int width = (int) imageNode.integer("width", ImageSize.DEFAULT.width(), 1, ImageSize.MAX_SIDE);
            int height = (int) imageNode.integer("height", ImageSize.DEFAULT.height(), 1, ImageSize.MAX_SIDE);
            int channels = (int) imageNode.integer("channels", 1, 1, 3);
            if (channels == 2) throw imageNode.invalid("channels", imageNode.raw("channels"), "1 (grey) or 3 (RGB)");
            image = new ImageSize(width, height, channels);
        }
        imageNode.finish();
        if (task == Task.CLASSIFICATION && label.size() > 1) {
            String at = node.pathOf("label");
            throw new DescentException("data.label " + label + source.describe(at) + " names " + label.size()
                    + " columns; classification takes one label column (task: regression takes several)");
        }
        return new DataConfig(format, validation, task, format, train, test, testSplit, label, features,
                Normalization.of(normalize, node.pathOf("normalize")), normalizeTargets, image);
    }

    /**
     * {@code data.train} or {@code data.test}: a file or folder path, or for {@code idx} a mapping {@code
     * {images: FILE, labels: FILE}}, resolved against the config file's folder and made absolute.
     */
    private static DataConfig.DataFiles files(ConfigNode node, String key, String format, Path folder,
                                              boolean required) {
        if (format.equals("idx")) {
            if (node.raw(key) == null && !required) return null;
            if (node.raw(key) == null) throw node.missing(key, "{images: FILE, labels: FILE}");
            ConfigNode pair = node.object(key);
            String images = pair.text("images");
            String labels = pair.text("labels");
            if (images == null) throw pair.missing("images", "the IDX images file");
            if (labels == null) throw pair.missing("labels", "the IDX labels file");
            pair.finish();
            return new DataConfig.DataFiles(path(pair, "images", images, folder), path(pair, "labels", labels, folder));
        }
        String file = node.text(key);
        if (file == null && required) {
            throw node.missing(key, format.equals("csv") ? "a CSV file" : "a folder with one subfolder per class");
        }
        return file == null ? null : new DataConfig.DataFiles(path(node, key, file, folder), null);
    }

    private static String path(ConfigNode node, String key, String value, Path folder) {
        try {
            Path p = Path.of(value);
            if (folder != null) p = folder.resolve(p);
            return p.toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw node.invalid(key, TextNode.valueOf(value), "a path (" + e.getReason() + ")");
        }
    }

    /**
     * {@code plugins.dir}, resolved against the config file's folder as every path in a config is, and
     * made absolute so that the run's config.yaml names the same folder from wherever it is replayed.
     */
    private static String pluginsDir(ConfigNode plugins, Path folder) {
        String dir = plugins.text("dir");
        if (dir == null || folder == null) return dir;
        try {
            return folder.resolve(dir).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw plugins.invalid("dir", TextNode.valueOf(dir), "a folder path (" + e.getReason() + ")");
        }
    }

    private static void checkLayers(List<Integer> layers, ConfigSource source) {
        String at = "network.layers";
        String where = source.describe(at);
        if (layers.size() < 2) {
            throw new DescentException("invalid value " + layers + " at " + at + where
                    + ": expected at least an input and an output layer, e.g. [784, 16, 16, 10]");
        }
        if (layers.getFirst() != IMAGE_PIXELS) {
            throw new DescentException("invalid value " + layers + " at " + at + where + ": the first layer must be "
                    + IMAGE_PIXELS + ", one neuron per pixel of a 28x28 image");
        }
        if (layers.getLast() != CLASSES) {
            throw new DescentException("invalid value " + layers + " at " + at + where + ": the last layer must be "
                    + CLASSES + ", one neuron per class");
        }
    }

    /** The same config with {@code training.kernels} and {@code training.threads} replaced. */
    public static ExperimentConfig withKernels(ExperimentConfig c, String kernels, int threads) {
        TrainingConfig t = c.training();
        return c.withTraining(new TrainingConfig(t.epochs(), t.batchSize(), t.learningRate(), t.optimizer(),
                t.weightDecay(), t.dropout(), t.stopGradientNorm(), t.earlyStop(), kernels, threads,
                t.checkpointEvery()));
    }

    /** The config as YAML that {@link #load} reads back to an equal record. */
    public static String toYaml(ExperimentConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", config.seed());
        DataConfig d = config.data();
        if (d.task() != Task.CLASSIFICATION) root.put("task", d.task().id());
        Map<String, Object> data = new LinkedHashMap<>();
        if (d.builtIn()) {
            data.put("dataset", d.dataset());
        } else {
            data.put("format", d.format());
            data.put("train", files(d.train()));
            if (d.test() != null) data.put("test", files(d.test()));
            else data.put("test-split", d.testSplit());
            if (!d.label().isEmpty()) data.put("label", d.label());
            if (!d.features().isEmpty()) data.put("features", d.features());
            data.put("normalize", d.normalize().id());
            if (!d.normalizeTargets()) data.put("normalize-targets", false);
            if (d.format().equals("images")) {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("width", d.image().width());
                image.put("height", d.image().height());
                image.put("channels", d.image().channels());
                data.put("image", image);
            }
        }
        if (d.validation() > 0) data.put("validation", d.validation());
        root.put("data", data);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("layers", config.network().layers().stream()
                .map(w -> w == NetworkConfig.AUTO ? (Object) "auto" : (Object) w).toList());
        network.put("activation", config.network().activation().configName());
        if (config.network().outputActivation() != config.network().activation()) {
            network.put("output-activation", config.network().outputActivation().configName());
        }
        root.put("network", network);
        root.put("cost", plugin(config.cost()));
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("weights", plugin(config.init().weights()));
        init.put("biases", plugin(config.init().biases()));
        root.put("init", init);
        TrainingConfig t = config.training();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", t.epochs());
        training.put("batch-size", t.batchSize());
        training.put("learning-rate", plugin(t.learningRate()));
        training.put("optimizer", plugin(t.optimizer()));
        if (t.weightDecay() > 0) training.put("weight-decay", t.weightDecay());
        if (!t.dropout().isEmpty()) training.put("dropout", t.dropout());
        if (t.stopGradientNorm() > 0) training.put("stop", Map.of("gradient-norm", t.stopGradientNorm()));
        if (t.earlyStop() != null) {
            Map<String, Object> early = new LinkedHashMap<>();
            early.put("metric", t.earlyStop().metric());
            early.put("patience", t.earlyStop().patience());
            training.put("early-stop", early);
        }
        training.put("kernels", t.kernels());
        training.put("threads", t.threads());
        training.put("checkpoint-every", t.checkpointEvery());
        root.put("training", training);
        if (config.pluginsDir() != null) root.put("plugins", Map.of("dir", config.pluginsDir()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a config as YAML", e);
        }
    }

    /**
     * A plugin's parameters as one line of JSON, nested plugins as mappings with their name
     * ({@code {"delta":0.5}}), for a model file's metadata; {@link #pluginFromJson} reads it back.
     */
    public static String parametersJson(PluginSpec spec) {
        Map<String, Object> m = plugin(spec);
        m.remove("name");
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plugin parameters as JSON", e);
        }
    }

    /**
     * The plugin {@code name} with the parameters that {@link #parametersJson} wrote, bound as a config's
     * plugin is ({@code keyPath} and {@code source} name it in messages); malformed JSON is refused with
     * both.
     */
    public static PluginSpec pluginFromJson(String name, String json, String keyPath, ConfigSource source) {
        JsonNode parameters;
        try {
            parameters = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            parameters = null;
        }
        if (parameters == null || !parameters.isObject()) {
            throw new DescentException("invalid plugin parameters '" + json + "' at " + keyPath
                    + source.describe(keyPath)
                    + ": expected a JSON object such as {\"delta\":0.5}");
        }
        ObjectNode plugin = ((ObjectNode) parameters.deepCopy()).put("name", name);
        ObjectNode root = JSON.createObjectNode();
        root.set(keyPath, plugin);
        return new ConfigNode(root, "", source).plugin(keyPath, name);
    }

    private static Object files(DataConfig.DataFiles files) {
        if (files.labels() == null) return files.file();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", files.file());
        m.put("labels", files.labels());
        return m;
    }

    private static Map<String, Object> plugin(PluginSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        spec.parameters().forEach((key, value) ->
                m.put(key, value instanceof PluginSpec nested ? plugin(nested) : value));
        return m;
    }

    private static String firstLine(String s) {
        if (s == null) return "malformed YAML";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
