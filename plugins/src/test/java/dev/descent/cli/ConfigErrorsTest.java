package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How configs bind and how their errors read, through the command line: every error names the key
 * path, the file, and the {@code --set} that caused it when one did; plugins bind one way (the
 * learning-rate number is the constant schedule, checked by it); {@code --set KEY.name=OTHER} replaces
 * a plugin; paths in a config are relative to it; null, several YAML documents and files that are not
 * regular files are refused.
 */
class ConfigErrorsTest {
    private static final Path SEED = Path.of("..", "configs", "mnist-seed.yaml");
    private static final Path FASHION = Path.of("..", "configs", "fashion-seed.yaml");
    private static final String TINY = """
            seed: 3
            data: {dataset: mnist}
            network: {layers: [784, 8, 10]}
            training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
            """;

    @TempDir
    Path dir;
    Path data;
    int runs;

    @BeforeEach
    void writeData() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
    }

    private Path config(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Cli.Result train(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", data.toString(),
                "--out", dir.resolve("run-" + (++runs)).toString(), "--quiet"));
        args.addAll(Arrays.asList(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Exit code 2, the message's last line holding every fragment, and no run folder left behind. */
    private void assertRefused(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err() + "\nstdout: " + r.out());
        String error = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(error.startsWith("descent: "), r.err());
        for (String fragment : fragments) assertTrue(error.contains(fragment), "'" + fragment + "' in: " + error);
        assertFalse(Files.exists(dir.resolve("run-" + runs).resolve("model.safetensors")),
                "a refused run wrote a model");
    }

    // ---------------------------------------------------------------- where an error came from

    @Test
    void anUnknownPluginFromSetNamesTheKeyPathTheSetAndTheFile() {
        assertRefused(train(SEED, "--set", "cost.name=quadratc"), "unknown cost 'quadratc' at cost.name"
                + " (from --set cost.name=quadratc) in " + SEED + " (did you mean 'quadratic'?); available: ");
    }

    @Test
    void aBadScheduleParameterInTheFileNamesTheFile() throws IOException {
        Path file = config("bad-rate.yaml",
                TINY.replace("learning-rate: 1.0", "learning-rate: {name: constant, rate: -1}"));
        assertRefused(train(file), "invalid value -1 at training.learning-rate.rate in " + file + ": expected");
    }

    @Test
    void aBadScheduleParameterFromSetNamesTheSet() {
        Cli.Result r = train(SEED, "--set", "training.learning-rate.rate=-2");
        assertRefused(r, "invalid value -2 at training.learning-rate.rate (from --set training.learning-rate.rate=-2)");
        assertFalse(r.err().contains("missing plugin name"), r.err());
    }

    @Test
    void theLearningRateNumberIsCheckedByTheConstantSchedule() throws IOException {
        Path file = config("zero-rate.yaml", TINY.replace("learning-rate: 1.0", "learning-rate: 0"));
        assertRefused(train(file), "invalid value 0.0 at training.learning-rate.rate in " + file,
                "rate: number = 3.0 in (0, ");
    }

    @Test
    void aNumberGivenWithSetIsTheConstantScheduleToo() throws IOException {
        Path file = config("tiny.yaml", TINY);
        Path out = dir.resolve("run-set");
        Cli.Result r = Cli.run("train", file.toString(), "--data", data.toString(), "--out", out.toString(), "--quiet",
                "--set", "training.learning-rate=0.5");
        assertEquals(0, r.exitCode(), r.err());
        ExperimentConfig saved = ConfigLoader.load(out.resolve("config.yaml"), List.of());
        assertEquals("constant", saved.training().learningRate().name());
        assertEquals(Map.of("rate", 0.5), saved.training().learningRate().parameters());
    }

    @Test
    void aParameterSetOnAPluginNamedByAStringJoinsThatPlugin() throws IOException {
        Path file = config("huber.yaml", TINY + "cost: huber\n");
        Path out = dir.resolve("run-huber");
        Cli.Result r = Cli.run("train", file.toString(), "--data", data.toString(), "--out", out.toString(), "--quiet",
                "--set", "cost.delta=0.5");
        assertEquals(0, r.exitCode(), r.err());
        ExperimentConfig saved = ConfigLoader.load(out.resolve("config.yaml"), List.of());
        assertEquals("huber", saved.cost().name());
        assertEquals(Map.of("delta", 0.5), saved.cost().parameters());
    }

    // ---------------------------------------------------------------- --set KEY.name=OTHER

    @Test
    void settingAPluginsNameReplacesItDroppingTheFilesParametersWithANote() throws IOException {
        Path out = dir.resolve("run-he");
        Cli.Result r = Cli.run("train", FASHION.toString(), "--data", data.toString(), "--out", out.toString(),
                "--quiet", "--set", "init.weights.name=he-normal", "--set", "data.dataset=mnist",
                "--set", "training.epochs=1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("descent: init.weights: dropped mean, std of gaussian for he-normal", r.err().strip());
        ExperimentConfig saved = ConfigLoader.load(out.resolve("config.yaml"), List.of());
        assertEquals("he-normal", saved.init().weights().name());
        assertEquals(Map.of(), saved.init().weights().parameters());
        assertEquals(Map.of("mean", 0.0, "std", 1.0), saved.init().biases().parameters(),
                "the other plugin is untouched");
    }

    @Test
    void parametersGivenWithSetAreKeptAndCheckedAgainstTheNewPlugin() {
        Cli.Result r = train(FASHION, "--set", "init.weights.std=0.5", "--set", "init.weights.name=he-normal");
        assertTrue(r.err().contains("init.weights: dropped mean of gaussian for he-normal"), r.err());
        assertRefused(r, "unknown parameter 'std' for 'he-normal' at init.weights.std"
                + " (from --set init.weights.std=0.5) in " + FASHION);
    }

    @Test
    void aSweepThatVariesAPluginsNameNotesOnceWhatItDrops() throws IOException {
        config("base.yaml", TINY.replace("epochs: 2", "epochs: 1") + "init: {weights: {name: gaussian, std: 0.5}}\n");
        Path sweep = config("names.yaml", "base: base.yaml\ngrid: {init.weights.name: [gaussian, he-normal]}\n"
                + "seeds: [1, 2]\n");
        Cli.Result r = Cli.run("sweep", sweep.toString(), "--data", data.toString(), "--out",
                dir.resolve("sweep").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("descent: init.weights: dropped std of gaussian for he-normal"), r.err().strip().lines()
                .filter(line -> line.contains("dropped")).toList());
    }

    // ---------------------------------------------------------------- paths

    @Test
    void pluginsDirIsRelativeToTheConfigFile() throws IOException {
        Path file = config("experiments/tiny.yaml", TINY + "plugins: {dir: jars}\n");
        Files.createDirectories(dir.resolve("experiments").resolve("jars"));
        Cli.Result r = train(file);
        assertEquals(0, r.exitCode(), "the folder beside the config is found from any working directory: " + r.err());
        ExperimentConfig saved = ConfigLoader.load(dir.resolve("run-" + runs).resolve("config.yaml"), List.of());
        assertEquals(dir.resolve("experiments").resolve("jars").toAbsolutePath().toString(), saved.pluginsDir(),
                "config.yaml names the folder absolutely, so that it replays from anywhere");
    }

    @Test
    void aMissingPluginsDirIsNamedByTheAbsolutePathTried() throws IOException {
        Path file = config("experiments/tiny.yaml", TINY + "plugins: {dir: nowhere}\n");
        assertRefused(train(file), "plugin folder " + dir.resolve("experiments").resolve("nowhere").toAbsolutePath(),
                "plugins.dir");
    }

    // ---------------------------------------------------------------- unknown keys

    @Test
    void anUnknownKeyListsEveryValidKeyOfItsSectionAndSuggestsTheNearest() throws IOException {
        Path file = config("typo.yaml", TINY.replace("learning-rate: 1.0", "learning_rate: 1.0"));
        assertRefused(train(file), "unknown key 'learning_rate' at training.learning_rate in " + file
                + " (did you mean 'learning-rate'?); valid keys in training: epochs, batch-size, learning-rate,"
                + " optimizer, weight-decay, dropout, stop, early-stop, kernels, threads, checkpoint-every");
    }

    @Test
    void anUnknownKeyFromSetNamesTheSet() {
        assertRefused(train(SEED, "--set", "training.learning_rate=0.5"),
                "unknown key 'learning_rate' at training.learning_rate (from --set training.learning_rate=0.5)",
                "(did you mean 'learning-rate'?)");
    }

    // ---------------------------------------------------------------- values

    @Test
    void multiStepMilestonesAreAYamlListOrACommaSeparatedString() throws IOException {
        String schedule = "learning-rate: {name: multi-step, rate: 1.0, factor: 0.5, milestones: %s}";
        Path list = config("list.yaml", TINY.replace("epochs: 2", "epochs: 3").replace("learning-rate: 1.0",
                schedule.formatted("[1, 2]")));
        Path text = config("text.yaml", TINY.replace("epochs: 2", "epochs: 3").replace("learning-rate: 1.0",
                schedule.formatted("\"1,2\"")));
        Cli.Result a = train(list);
        assertEquals(0, a.exitCode(), a.err());
        Path listRun = dir.resolve("run-" + runs);
        Cli.Result b = train(text);
        assertEquals(0, b.exitCode(), b.err());
        Path textRun = dir.resolve("run-" + runs);
        assertEquals(List.of(1.0, 0.5, 0.25), learningRates(listRun));
        assertArrayEquals(Files.readAllBytes(textRun.resolve("model.safetensors")),
                Files.readAllBytes(listRun.resolve("model.safetensors")), "both forms train the same bits");
        ExperimentConfig saved = ConfigLoader.load(listRun.resolve("config.yaml"), List.of());
        assertEquals(List.of(1L, 2L), saved.training().learningRate().parameters().get("milestones"));
    }

    private static List<Double> learningRates(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        int column = Arrays.asList(lines.getFirst().split(",")).indexOf("learning_rate");
        return lines.stream().skip(1).map(line -> Double.parseDouble(line.split(",")[column])).toList();
    }

    @Test
    void milestonesOutOfOrderAreRefusedNamingTheKeyAndTheFile() throws IOException {
        Path file = config("unordered.yaml", TINY.replace("learning-rate: 1.0",
                "learning-rate: {name: multi-step, milestones: [4, 2]}"));
        assertRefused(train(file), "at training.learning-rate in " + file, "[4, 2]", "ascending");
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(delimiter = '|', value = {"training.epochs=null|training.epochs", "training.epochs=~|training.epochs",
            "seed=null|seed", "cost=null|cost", "training=null|training",
            "training.learning-rate=null|training.learning-rate"})
    void nullFromSetIsRefusedLikeABlankValue(String override, String key) {
        assertRefused(train(SEED, "--set", override),
                "invalid value null at " + key + " (from --set " + override + ")");
    }

    @Test
    void nullInTheFileIsRefusedLikeABlankValue() throws IOException {
        Path file = config("null.yaml", TINY.replace("epochs: 2", "epochs: null"));
        assertRefused(train(file), "invalid value null at training.epochs in " + file + ": expected a whole number");
    }

    // ---------------------------------------------------------------- files

    @Test
    void aConfigWithSeveralYamlDocumentsIsRefused() throws IOException {
        Path file = config("two.yaml", TINY + "---\nseed: 4\n");
        assertRefused(train(file), file + " holds more than one YAML document", "line 6");
    }

    @Test
    void aSweepWithSeveralYamlDocumentsIsRefused() throws IOException {
        config("tiny.yaml", TINY);
        Path sweep = config("sweep.yaml", "base: tiny.yaml\n---\nseeds: [1, 2, 3]\n");
        Cli.Result r = Cli.run("sweep", sweep.toString(), "--data", data.toString(),
                "--out", dir.resolve("sweep").toString());
        assertRefused(r, sweep + " holds more than one YAML document");
        assertFalse(Files.exists(dir.resolve("sweep").resolve("trials.csv")), "no trial ran");
    }

    @Test
    void aDeviceIsRefusedAsAConfigOrASweepWithoutReadingIt() throws IOException {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "needs /dev/zero");
        Path link = Files.createSymbolicLink(dir.resolve("zero.yaml"), zero);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertRefused(train(zero), "/dev/zero is not a regular file");
            assertRefused(train(link), link + " is not a regular file");
            assertRefused(Cli.run("sweep", zero.toString(), "--data", data.toString(), "--out",
                    dir.resolve("sweep").toString()), "/dev/zero is not a regular file");
        });
    }

    @Test
    void aFifoIsRefusedAsAConfigInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("needs mkfifo: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo made no FIFO");
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertRefused(train(fifo), fifo + " is not a regular file"));
    }
}
