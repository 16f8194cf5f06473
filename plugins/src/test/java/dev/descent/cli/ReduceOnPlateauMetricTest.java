package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code reduce-on-plateau} watches, through the command line: the validation cost when the run
 * holds out a validation set, the training cost otherwise, the test cost only when named; and
 * {@code metric: validation-cost} without a validation set is refused before anything runs.
 *
 * <p>Each run's metrics.csv holds every epoch's costs and rate, so the rates a plateau rule on one
 * column would give can be replayed from it and compared with the rates the run used. With patience 0
 * and factor 0.5 the rate halves after every epoch in which the watched cost did not reach a new low.
 */
class ReduceOnPlateauMetricTest {
    private static final String SCHEDULE = "{name: reduce-on-plateau, rate: 4.0, patience: 0, factor: 0.5}";

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void smallDataSet() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
    }

    @Test
    void watchesTheTrainingCostWithoutAValidationSet() throws IOException {
        Metrics m = train("plain", 0, SCHEDULE);
        assertEquals(m.replay(m.column("train_cost")), m.column("learning_rate"));
        assertNotEquals(m.replay(m.column("test_cost")), m.column("learning_rate"),
                "the data must tell the two metrics apart");
    }

    @Test
    void watchesTheValidationCostWithAValidationSet() throws IOException {
        Metrics m = train("held-out", 10, SCHEDULE);
        assertEquals(m.replay(m.column("validation_cost")), m.column("learning_rate"));
        assertNotEquals(m.replay(m.column("test_cost")), m.column("learning_rate"),
                "the data must tell the two metrics apart");
    }

    @Test
    void watchesTheTestCostOnlyWhenNamed() throws IOException {
        Metrics m = train("named", 0, SCHEDULE.replace("}", ", metric: test-cost}"));
        assertEquals(m.replay(m.column("test_cost")), m.column("learning_rate"));
    }

    @Test
    void refusesValidationCostWithoutAValidationSet() throws IOException {
        Path config = config("refused", 0,
                "{name: reduce-on-plateau, rate: 4.0, metric: validation-cost}");
        assertRefused(Cli.run("train", config.toString(), "--data", data.toString(), "--out", run("refused").toString(),
                        "--quiet"),
                "training.learning-rate.metric in " + config, "watches a validation set", "data.validation is 0",
                "data.validation: 5000", "metric: train-cost");
        assertFalse(Files.exists(run("refused")), "nothing written");
    }

    @Test
    void refusesValidationCostSetOnTheCommandLineNamingTheSet() throws IOException {
        Path config = config("set", 0, SCHEDULE);
        assertRefused(Cli.run("train", config.toString(), "--data", data.toString(), "--out", run("set").toString(),
                        "--quiet", "--set", "training.learning-rate.metric=validation-cost"),
                "training.learning-rate.metric (from --set training.learning-rate.metric=validation-cost)",
                "data.validation is 0");
    }

    @Test
    void refusesValidationCostInAWrappedSchedule() throws IOException {
        Path config = config("wrapped", 0, "{name: warmup, steps: 4, then: "
                + "{name: reduce-on-plateau, rate: 4.0, metric: validation-cost}}");
        assertRefused(Cli.run("train", config.toString(), "--data", data.toString(), "--out", run("wrapped").toString(),
                        "--quiet"),
                "training.learning-rate.then.metric in " + config, "data.validation is 0");
    }

    @Test
    void pluginsListingSaysWhatTheScheduleWatches() {
        Cli.Result r = Cli.run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        String listing = r.out().substring(r.out().indexOf("reduce-on-plateau"));
        listing = listing.substring(0, listing.indexOf("\n  warmup"));
        assertTrue(listing.contains("watches the validation cost, else the training cost, and the test set only"
                + " when named"), listing);
        assertTrue(listing.contains("metric: string = auto"), listing);
        assertTrue(listing.contains("test-cost (tunes on the test set)"), listing);
    }

    private static void assertRefused(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    private Metrics train(String name, int validation, String schedule) throws IOException {
        Path config = config(name, validation, schedule);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run(name).toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return new Metrics(Files.readAllLines(run(name).resolve("metrics.csv")));
    }

    private Path config(String name, int validation, String schedule) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                seed: 5
                data: {dataset: mnist, validation: %d}
                network: {layers: [784, 8, 10]}
                training: {epochs: 8, batch-size: 5, learning-rate: %s}
                """.formatted(validation, schedule));
        return config;
    }

    private Path run(String name) {
        return dir.resolve("runs").resolve(name);
    }

    /** metrics.csv by column. */
    private record Metrics(List<String> header, List<String[]> rows) {
        Metrics(List<String> lines) {
            this(Arrays.asList(lines.getFirst().split(",")),
                    lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList());
        }

        List<Double> column(String name) {
            int i = header.indexOf(name);
            assertTrue(i >= 0, name + " in " + header);
            return rows.stream().map(r -> Double.parseDouble(r[i])).toList();
        }

        /** The rate of each epoch under the plateau rule (patience 0, factor 0.5) on {@code watched}. */
        List<Double> replay(List<Double> watched) {
            List<Double> rates = new ArrayList<>();
            double rate = Double.parseDouble(rows.getFirst()[header.indexOf("learning_rate")]);
            double best = Double.POSITIVE_INFINITY;
            for (double value : watched) {
                rates.add(rate);
                if (value < best) best = value;
                else rate *= 0.5;
            }
            return rates;
        }
    }
}
