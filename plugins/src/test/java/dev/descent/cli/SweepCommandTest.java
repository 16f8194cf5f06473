package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent sweep} on the shipped example, configs/sweeps/seed-grid.yaml: a 3x2 grid of learning
 * rates and shapes times 2 seeds, 2 epochs each, on the 10,000-digit MNIST subset, two trials at a time.
 * It writes a run folder per trial, trials.csv, best.yaml and a ranked table; best.yaml and a lone
 * {@code descent train} with a trial's overrides reproduce that trial bit for bit (in this JVM, while
 * the sweep ran in another).
 */
class SweepCommandTest {
    static final Path EXAMPLE = Path.of("..", "configs", "sweeps", "seed-grid.yaml");
    static final List<String> RUN_FILES = List.of("config.yaml", "metrics.csv", "model.safetensors", "summary.json",
            "report.html", "curves.png", "weights.png", "trial.json");
    private static final Pattern TABLE_ROW =
            Pattern.compile("^\\s+(\\d+)\\s+([0-9a-f]{12})\\s+(\\d+)/(\\d+)\\s+([0-9.]+)\\s.*$");

    @TempDir
    Path dir;

    static String sharedData() {
        String root = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(root != null && Files.isRegularFile(Path.of(root, "mnist/train-images-idx3-ubyte.gz")),
                "needs the shared MNIST data (DESCENT_DATA)");
        return root;
    }

    @Test
    void seedGridWritesARunFolderPerTrialTrialsCsvBestYamlAndARankedTable() throws Exception {
        String data = sharedData();
        Path out = dir.resolve("sweep");
        Cli.Result r = ChildDescent.run("sweep", EXAMPLE.toString(), "--data", data, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("12 trials (6 configurations x 2 seeds)"), r.out());
        assertTrue(r.out().contains("on local, 2 threads"), r.out());
        assertTrue(r.out().contains("[12/12]"), r.out());

        List<List<String>> trials = SweepFiles.csv(out.resolve("trials.csv"));
        assertEquals(13, trials.size(), "a header and 12 rows");
        assertEquals(List.of("id", "overrides", "seed", "epochs", "kept_epoch", "test_accuracy", "test_cost",
                "final_cost",
                "gradient_norm", "stop_reason", "train_seconds", "samples_per_second", "warmup_seconds", "status",
                "seconds", "error"), trials.getFirst());
        List<String> ids = SweepFiles.column(trials, "id");
        assertEquals(List.of("ok"), SweepFiles.column(trials, "status").stream().distinct().toList());
        assertEquals(List.of("2"), SweepFiles.column(trials, "epochs").stream().distinct().toList());
        assertEquals("training.epochs=2 training.learning-rate=0.5 network.layers=[784,16,16,10] seed=1",
                SweepFiles.column(trials, "overrides").getFirst());
        try (Stream<Path> folders = Files.list(out.resolve("trials"))) {
            assertEquals(ids.stream().sorted().toList(),
                    folders.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String id : ids) {
            for (String f : RUN_FILES) {
                assertTrue(Files.isRegularFile(out.resolve("trials").resolve(id).resolve(f)), id + "/" + f);
            }
        }

        // The table: six configurations, ranked by mean test accuracy over the two seeds, best first.
        List<Double> means = new ArrayList<>();
        List<String> ranked = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.matches()) {
                assertEquals("2/2", m.group(3) + "/" + m.group(4), line);
                means.add(Double.parseDouble(m.group(5)));
                ranked.add(m.group(2));
            }
        }
        assertEquals(6, means.size(), r.out());
        assertEquals(means.stream().sorted(Comparator.reverseOrder()).toList(), means);
        String table = Files.readString(out.resolve("summary.txt"));
        assertTrue(table.startsWith("sweep: 12 trials, 12 ok, 0 failed"), table);
        assertTrue(r.out().contains(table), "summary.txt holds the printed table");

        // best.yaml is the best seed of the first-ranked configuration, and replays to the same bits.
        List<String> accuracies = SweepFiles.column(trials, "test_accuracy");
        int best = -1;
        for (int i = 0; i < accuracies.size(); i++) {
            if (!ids.get(i).startsWith(ranked.getFirst() + "-")) continue;
            if (best < 0 || Double.parseDouble(accuracies.get(i)) > Double.parseDouble(accuracies.get(best))) best = i;
        }
        Path bestRun = out.resolve("trials").resolve(ids.get(best));
        assertTrue(r.out().contains("best trial: " + ids.get(best)), r.out());
        Path replay = dir.resolve("replay");
        Cli.Result train = Cli.run("train", out.resolve("best.yaml").toString(), "--data", data, "--out",
                replay.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        assertSameRun(bestRun, replay);

        // Any trial is a lone descent train of the base with the trial's overrides.
        int other = best == 0 ? 1 : 0;
        List<String> args = new ArrayList<>(List.of("train", "../configs/mnist-seed.yaml", "--data", data, "--out",
                dir.resolve("lone").toString(), "--quiet"));
        for (String o : SweepFiles.column(trials, "overrides").get(other).split(" ")) args.addAll(List.of("--set", o));
        assertEquals(0, Cli.run(args.toArray(String[]::new)).exitCode());
        assertSameRun(out.resolve("trials").resolve(ids.get(other)), dir.resolve("lone"));

        // The same command again finds every trial finished and changes nothing.
        byte[] csv = Files.readAllBytes(out.resolve("trials.csv"));
        Cli.Result again = Cli.run("sweep", EXAMPLE.toString(), "--data", data, "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("12 trials finished in an earlier run (skipped), 0 to run"), again.out());
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("trials.csv")));
    }

    /** The same model bits, and the same metrics and summary but for the clock. */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("model.safetensors")),
                Files.readAllBytes(actual.resolve("model.safetensors")), "model of " + actual);
        assertEquals(SweepFiles.csvWithoutTiming(expected.resolve("metrics.csv")),
                SweepFiles.csvWithoutTiming(actual.resolve("metrics.csv")));
        assertEquals(SweepFiles.summaryWithoutTiming(expected.resolve("summary.json")),
                SweepFiles.summaryWithoutTiming(actual.resolve("summary.json")));
    }

    @Test
    void helpNamesTheOptions() {
        Cli.Result r = Cli.run("sweep", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--out", "--engine", "--parallel", "--data", "--retry-failed")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
        assertTrue(Cli.run("--help").out().contains("sweep"));
    }
}
