package dev.descent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.Fuzz;
import dev.descent.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link ConfigLoader}: the shipped configs and a full sample, edited line by line (values
 * swapped for boundary values and YAML fragments, keys invented at any depth, lines repeated, lost or
 * re-indented), at the byte level, and with random {@code --set} overrides. Every input binds or is
 * refused with a {@link DescentException}; a config that binds writes YAML that loads back equal.
 */
class ConfigLoaderFuzzTest {
    private static final String SAMPLE = """
            seed: 42
            data:
              dataset: mnist
              validation: 100
            network:
              layers: [784, 16, 16, 10]
              activation: sigmoid
            cost:
              name: huber
              delta: 1.0
            init:
              weights: {name: gaussian, mean: 0.0, std: 1.0}
              biases: {name: zeros}
            training:
              epochs: 30
              batch-size: 10
              learning-rate: {name: warmup, steps: 500, then: {name: cosine, rate: 1.0, floor: 0.01}}
              optimizer: {name: adam}
              weight-decay: 0.001
              dropout: [0.1, 0.2]
              stop:
                gradient-norm: 1e-4
              early-stop:
                metric: validation-cost
                patience: 5
              kernels: auto
              threads: 2
              checkpoint-every: 1
            plugins:
              dir: my-plugins
            """;
    /** A user's own data: the keys of issue 13, for the mutations to break. */
    private static final String OWN_DATA = """
            seed: 7
            task: classification
            data:
              format: csv
              train: iris-train.csv
              test: iris-test.csv
              label: species
              features: [sepal_length, sepal_width]
              normalize: standard
              validation: 10
            network:
              layers: [auto, 32, auto]
              output-activation: sigmoid
            training: {epochs: 3}
            """;
    private static final String OWN_REGRESSION = """
            task: regression
            data: {format: csv, train: houses.csv, label: [price, rent], normalize-targets: false}
            network: {layers: [auto, 8, auto], output-activation: identity}
            """;
    private static final String OWN_PICTURES = """
            task: classification
            data:
              format: images
              train: pictures/train
              test-split: 0.25
              image: {width: 32, height: 24, channels: 3}
            network: {layers: [auto, 16, auto], activation: relu}
            """;
    private static final String OWN_IDX = """
            data:
              format: idx
              train: {images: train-images.idx, labels: train-labels.idx}
              test: {images: test-images.idx, labels: test-labels.idx}
              normalize: min-max
            network: {layers: [auto, 8, auto]}
            """;
    private static final List<String> VALUES = List.of("-1", "0", "1", "2.5", "1e309", "-1e309", ".nan", ".inf", "''",
            "\"\"", "~", "null", "yes", "true", "[]", "{}", "[1, 2", "{a: 1", "*a", "&a 1", "!!binary aGk=",
            "!!float 1", "0x1F",
            "99999999999999999999999", "784", "65536", "65537", "[784, 10]", "[784, 65536, 65536, 10]", "x".repeat(300),
            "|\n  text", ">-\n  folded", "\"\\u0000\"", "'quoted'", "[0.5, 0.5, 0.5]", "{name: constant, rate: 1}",
            "{name: warmup, then: {name: warmup, then: {name: cosine}}}", "mnist", "fashion-mnist", "relu", "scalar",
            "csv", "images", "idx", "regression", "classification", "auto", "[auto, 8, auto]", "[auto, auto]",
            "identity", "min-max", "none", "0.2", "0.95", "[a, b]", "{images: a, labels: b}", "{width: 0}",
            "{channels: 2}", "false");
    private static final List<String> FRAGMENTS = List.of("- ", ": ", "{", "}", "[", "]", ",", "&x ", "*x", "!!", "|",
            ">", "'", "\"", "#", "\t", "\u0000", "\uFEFF", "%YAML 1.2\n", "---\n", "...\n", "<<: ", "? ", "\n  ", "\\");
    private static final List<String> KEYS = List.of("seed", "data", "network", "cost", "init", "training", "plugins",
            "layers", "name", "epochs", "learning-rate", "then", "weights", "unknown", "dataset", "rate", "dropout",
            "task", "format", "train", "test", "test-split", "label", "features", "normalize", "normalize-targets",
            "image", "output-activation", "images", "labels");
    private static final List<String> OVERRIDE_KEYS = List.of("seed", "training.epochs", "training.learning-rate",
            "training.learning-rate.name", "network.layers", "cost", "cost.delta", "data.validation",
                    "training.dropout",
            "init.weights.std", "a.b.c", ".", "..", "training.", ".training", "training..epochs", "", " ",
                    "plugins.dir", "task", "data.format", "data.train", "data.test", "data.test-split", "data.label",
            "data.features", "data.normalize", "data.normalize-targets", "data.image.channels", "data.train.labels",
            "network.output-activation");

    @TempDir
    Path dir;

    static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(SAMPLE, OWN_DATA, OWN_REGRESSION, OWN_PICTURES, OWN_IDX));
        Path configs = Path.of("..", "configs");
        if (Files.isDirectory(configs)) {
            try (Stream<Path> files = Files.list(configs)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    seeds.add(Files.readString(f));
                }
            }
        }
        return seeds;
    }

    record Input(String text, byte[] bytes, List<String> overrides) {
        @Override
        public String toString() {
            return "overrides " + overrides + ", text:\n"
                    + (text != null ? text : new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    static Input input(List<String> seeds, SplittableRandom r) {
        String seed = Mutations.pick(seeds, r);
        List<String> overrides = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                overrides.add(Mutations.pick(OVERRIDE_KEYS, r) + (r.nextInt(10) == 0 ? "" : "=")
                        + Mutations.pick(VALUES, r));
            }
        }
        if (r.nextInt(6) == 0) {
            return new Input(null, Mutations.mutate(seed.getBytes(StandardCharsets.UTF_8), r), overrides);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        for (int e = 0, n = r.nextInt(4); e < n; e++) editLine(lines, r);
        return new Input(String.join("\n", lines), null, overrides);
    }

    private static void editLine(List<String> lines, SplittableRandom r) {
        int i = r.nextInt(lines.size());
        String line = lines.get(i);
        switch (r.nextInt(8)) {
            case 0 -> { // a value replaced
                int colon = line.indexOf(": ");
                if (colon > 0) lines.set(i, line.substring(0, colon + 2) + Mutations.pick(VALUES, r));
            }
            case 1 -> { // a number inside a flow mapping or list replaced
                lines.set(i, line.replaceFirst("[0-9.]+(e-?[0-9]+)?", Mutations.pick(VALUES, r)));
            }
            case 2 -> lines.add(i,
                    line.replaceAll("\\S.*", "") + Mutations.pick(KEYS, r) + ": " + Mutations.pick(VALUES, r));
            case 3 -> lines.remove(i);
            case 4 -> lines.add(i, line);
            case 5 -> lines.set(i,
                    (r.nextBoolean() ? "  " : "") + line.replaceFirst("^  ", r.nextBoolean() ? "" : "   "));
            case 6 -> {
                int at = r.nextInt(line.length() + 1);
                lines.set(i, line.substring(0, at) + Mutations.pick(FRAGMENTS, r) + line.substring(at));
            }
            default -> {
                int j = r.nextInt(lines.size());
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
        }
    }

    @Test
    void everyConfigBindsOrIsRefusedWithAMessage() throws IOException {
        List<String> seeds = seeds();
        Path file = dir.resolve("fuzz.yaml");
        Path again = dir.resolve("again.yaml");
        Fuzz.Result result = Fuzz.run("config", r -> input(seeds, r), input -> {
            if (input.text() != null) Files.writeString(file, input.text());
            else Files.write(file, input.bytes());
            ExperimentConfig config = ConfigLoader.load(file, input.overrides());
            Files.writeString(again, ConfigLoader.toYaml(config));
            assertEquals(config, ConfigLoader.load(again, List.of()), "the written config loads back equal");
        }, input -> input.text() != null ? input.text().length() : input.bytes().length);
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }
}
