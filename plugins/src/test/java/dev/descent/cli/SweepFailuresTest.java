package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What goes wrong in a sweep: a bad trial stops it before anything trains, naming the trial and the key;
 * a trial that diverges is recorded as failed and the others finish.
 */
class SweepFailuresTest {
    @TempDir
    Path dir;
    Path data;
    Path out;

    @BeforeEach
    void tinyDataAndBase() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        out = dir.resolve("out");
        Files.writeString(dir.resolve("base.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10], activation: relu}
                cost: {name: softmax-cross-entropy}
                training: {epochs: 2, batch-size: 10, learning-rate: 0.1}
                """);
    }

    private Cli.Result sweep(String yaml, String... extra) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "base: base.yaml\n" + yaml);
        List<String> args = new ArrayList<>(List.of("sweep", file.toString(), "--data", data.toString(), "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "training.learning-rate: [0.1, -1.0]      | trial 3 | training.learning-rate | -1.0",
            "cost.name: [quadratic, quadratc]          | trial 3 | cost.name=quadratc     | unknown cost 'quadratc'",
            "training.learning-rat: [0.1]              | trial 1 | training.learning-rat  | unknown key",
            "network.layers: [[784, 10], [784, 30, 9]] | trial 3 | network.layers         | the last layer must be 10"})
    void anInvalidTrialStopsTheSweepBeforeAnyTrainingNamingTheTrialAndTheKey(String grid, String trial, String key,
                                                                              String problem) throws IOException {
        Cli.Result r = sweep("grid: {" + grid + "}\nseeds: [1, 2]\n");
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : List.of(trial, key, problem, "sweep.yaml")) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r.err());
        }
        assertFalse(Files.exists(out), "nothing written, nothing trained");
        assertEquals("", r.out());
    }

    @Test
    void aDivergingTrialIsRecordedAsFailedAndTheOthersFinish() throws IOException {
        Cli.Result r = sweep(
                "grid: {training.learning-rate: [0.1, 1000000.0, 0.05]}\nengine: {name: local, parallel: 2}\n");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        List<List<String>> trials = SweepFiles.csv(out.resolve("trials.csv"));
        assertEquals(List.of("ok", "failed", "ok"), SweepFiles.column(trials, "status"));
        String error = SweepFiles.column(trials, "error").get(1);
        assertTrue(error.startsWith("training diverged in epoch 1"), error);
        assertEquals("", SweepFiles.column(trials, "test_accuracy").get(1));
        assertEquals("", SweepFiles.column(trials, "error").get(0));

        String failed = SweepFiles.column(trials, "id").get(1);
        Path folder = out.resolve("trials").resolve(failed);
        assertTrue(Files.readString(folder.resolve("trial.json")).contains("\"status\" : \"failed\""));
        assertFalse(Files.exists(folder.resolve("model.safetensors")), "a failed trial writes no model");
        assertTrue(Files.isRegularFile(out.resolve("best.yaml")));
        assertTrue(r.out().contains(failed + "  failed  training diverged"), r.out());
        assertTrue(r.out().contains("3 trials, 2 ok, 1 failed"), r.out());
        assertTrue(r.out().lines()
                .anyMatch(l -> l.matches("\\s+3\\s+[0-9a-f]{12}\\s+0/1\\s+failed.*learning-rate=1000000.0")),
                "the failed configuration ranks last: " + r.out());
    }

    @Test
    void aSweepWhoseEveryTrialFailsExitsWithCode2() throws IOException {
        Cli.Result r = sweep("grid: {training.learning-rate: [1000000.0]}\n");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("every trial of"), r.err());
        assertTrue(r.err().contains("trials.csv"), r.err());
        assertFalse(Files.exists(out.resolve("best.yaml")));
    }

    @Test
    void retryFailedRunsTheFailedTrialsAgain() throws IOException {
        String yaml = "grid: {training.learning-rate: [0.1, 1000000.0]}\n";
        assertEquals(0, sweep(yaml).exitCode());
        Cli.Result skip = sweep(yaml);
        assertTrue(skip.out().contains("2 trials finished in an earlier run (skipped), 0 to run"), skip.out());
        Cli.Result retry = sweep(yaml, "--retry-failed");
        assertTrue(retry.out().contains("1 trials finished in an earlier run (skipped), 1 to run"), retry.out());
    }

    @Test
    void aChangedBaseIsNotMistakenForFinishedTrials() throws IOException {
        String yaml = "grid: {training.learning-rate: [0.1]}\n";
        assertEquals(0, sweep(yaml).exitCode());
        Files.writeString(dir.resolve("base.yaml"),
                Files.readString(dir.resolve("base.yaml")).replace("epochs: 2", "epochs: 3"));
        Cli.Result r = sweep(yaml);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("differs from this sweep's"), r.err());
    }

    @Test
    void theSparkEngineNeedsItsModule() throws IOException {
        Cli.Result r = sweep("grid: {training.learning-rate: [0.1]}\n", "--engine", "spark");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("spark sweep engine is not on the class path"), r.err());
        Cli.Result unknown = sweep("engine: {name: yarn}\n");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown sweep engine 'yarn'") && unknown.err().contains("available: local"),
                unknown.err());
    }
}
