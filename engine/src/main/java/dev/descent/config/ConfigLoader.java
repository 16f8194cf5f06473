package dev.descent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import dev.descent.spi.PluginSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final YAMLMapper MAPPER = createMapper();

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
        return load(file, overrides, "--set");
    }

    /**
     * Loads {@code file} with overrides as {@link #load(Path, List)} does; {@code origin} says where the
     * overrides came from in messages: {@code --set} for the command line, {@code sweep} for a sweep's trials.
     */
    public static ExperimentConfig load(Path file, List<String> overrides, String origin) {
        String name = file.toString();
        JsonNode tree = readTree(file, name);
        Map<String, String> applied = new LinkedHashMap<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new DescentException("invalid " + origin + " '" + override + "': expected key=value, e.g. training.epochs=5");
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            apply((ObjectNode) tree, key, parseValue(key, value, origin), override, origin);
            applied.put(key, value);
        }
        return bind(tree, new ConfigSource(name, applied, origin));
    }

    /**
     * Binds a config held in memory, e.g. a run's config.yaml shipped to another machine; {@code name}
     * stands for the file in messages.
     */
    public static ExperimentConfig parse(String yaml, String name) {
        return bind(readTree(yaml, name), new ConfigSource(name));
    }

    private static JsonNode readTree(Path file, String name) {
        return readTree(file, name, "config", "configs/mnist-seed.yaml");
    }

    /**
     * The YAML mapping in {@code file}, read with the limits every descent YAML file gets; {@code kind}
     * ("config", "sweep") and {@code example} finish the messages.
     */
    static JsonNode readTree(Path file, String name, String kind, String example) {
        try {
            if (Files.isDirectory(file)) throw new DescentException(name + " is a folder, not a " + kind + " file");
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DescentException(name + " is " + size + " bytes; a " + kind + " is at most " + MAX_FILE_BYTES);
            }
            return readTree(Files.readString(file), name, example);
        } catch (NoSuchFileException e) {
            throw new DescentException(kind + " file " + name + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
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
            refuseAliases(text, name);
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
     * Jackson reads an alias ({@code *name}) as the text of its anchor's name, so a config using one
     * would be refused with a baffling message, or worse accepted; descent's configs are small enough
     * to write out, so aliases are refused by name. (Nothing expands them, so alias bombs cost nothing.)
     */
    private static void refuseAliases(String text, String name) throws IOException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new DescentException("YAML aliases are not supported: *" + parser.getText() + " in " + name
                            + location(parser) + "; write the value out in full");
                }
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

    private static void apply(ObjectNode root, String key, JsonNode value, String override, String origin) {
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new DescentException("invalid key in " + origin + " " + override
                        + ": expected a dotted key path, e.g. training.epochs=5");
            }
        }
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                // A scalar here (training.learning-rate: 3.0) is replaced by a mapping the override fills.
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(parts[parts.length - 1], value);
    }

    static ExperimentConfig bind(JsonNode tree, ConfigSource source) {
        ConfigNode root = new ConfigNode(tree, "", source);
        long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);

        ConfigNode dataNode = root.object("data");
        DataConfig data = new DataConfig(dataNode.choice("dataset", "mnist", DATASETS),
                (int) dataNode.integer("validation", 0, 0, 1_000_000));
        dataNode.finish();

        ConfigNode networkNode = root.object("network");
        List<Integer> layers = networkNode.integers("layers", 1, MAX_LAYER_WIDTH);
        String activation = networkNode.choice("activation", "sigmoid",
                Arrays.stream(Activation.values()).map(Activation::configName).toList());
        networkNode.finish();
        checkLayers(layers, source);
        NetworkConfig network = new NetworkConfig(layers, Activation.valueOf(activation.toUpperCase(Locale.ROOT)));
        network.requireTrainingMemory(source.describe("network.layers"));

        PluginSpec cost = root.plugin("cost", "quadratic");

        ConfigNode initNode = root.object("init");
        InitConfig init = new InitConfig(initNode.plugin("weights", "gaussian"), initNode.plugin("biases", "gaussian"));
        initNode.finish();

        ConfigNode trainingNode = root.object("training");
        int epochs = (int) trainingNode.integer("epochs", 30, 1, 1_000_000);
        int batchSize = (int) trainingNode.integer("batch-size", 10, 1, 1 << 20);
        PluginSpec learningRate = learningRate(trainingNode, tree.path("training").get("learning-rate"), source);
        PluginSpec optimizer = trainingNode.plugin("optimizer", "sgd");
        double weightDecay = trainingNode.number("weight-decay", 0, 0, false, 1e3);
        List<Double> dropout = trainingNode.rates("dropout", layers.size() - 2);
        ConfigNode stopNode = trainingNode.object("stop");
        double stopGradientNorm = stopNode.number("gradient-norm", 0, 0, false, Double.POSITIVE_INFINITY);
        stopNode.finish();
        EarlyStop earlyStop = null;
        if (tree.path("training").has("early-stop")) {
            ConfigNode earlyNode = trainingNode.object("early-stop");
            earlyStop = new EarlyStop(
                    earlyNode.choice("metric", "validation-cost", List.of("validation-cost", "validation-accuracy")),
                    (int) earlyNode.integer("patience", 5, 0, 1_000_000));
            earlyNode.finish();
            if (data.validation() == 0) {
                String at = "training.early-stop";
                throw new DescentException("training.early-stop" + source.describe(at)
                        + " watches a validation set, but data.validation is 0; hold out samples, e.g. data.validation: 5000");
            }
        }
        String kernels = trainingNode.choice("kernels", "auto", List.of("auto", "simd", "scalar"));
        int threads = (int) trainingNode.integer("threads", 1, 1, 256);
        int checkpointEvery = (int) trainingNode.integer("checkpoint-every", 1, 0, 1_000_000);
        trainingNode.finish();

        ConfigNode pluginsNode = root.object("plugins");
        String pluginsDir = pluginsNode.text("dir");
        pluginsNode.finish();

        root.finish();
        ExperimentConfig config = new ExperimentConfig(seed, data, network, cost, init,
                new TrainingConfig(epochs, batchSize, learningRate, optimizer, weightDecay, dropout, stopGradientNorm, earlyStop,
                        kernels, threads, checkpointEvery),
                pluginsDir);
        PluginCompatibility.check(config, source);
        return config;
    }

    /** A number is shorthand for the constant schedule: {@code 3.0} means {@code {name: constant, rate: 3.0}}. */
    private static PluginSpec learningRate(ConfigNode training, JsonNode raw, ConfigSource source) {
        if (raw != null && raw.isValueNode()) {
            double rate = training.number("learning-rate", 0, 0, true, 1e6);
            return new PluginSpec("constant", Map.of("rate", rate), "training.learning-rate");
        }
        if (raw == null) return new PluginSpec("constant", Map.of("rate", 3.0), "training.learning-rate");
        return training.plugin("learning-rate", "constant");
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
                t.weightDecay(), t.dropout(), t.stopGradientNorm(), t.earlyStop(), kernels, threads, t.checkpointEvery()));
    }

    /** The config as YAML that {@link #load} reads back to an equal record. */
    public static String toYaml(ExperimentConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", config.seed());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", config.data().dataset());
        if (config.data().validation() > 0) data.put("validation", config.data().validation());
        root.put("data", data);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("layers", config.network().layers());
        network.put("activation", config.network().activation().configName());
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

    private static Map<String, Object> plugin(PluginSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        spec.parameters().forEach((key, value) -> m.put(key, value instanceof PluginSpec nested ? plugin(nested) : value));
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
