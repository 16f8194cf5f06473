package dev.descent.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.cli.Cli;
import dev.descent.cli.FaultyPlugins;
import dev.descent.cli.TinyMnist;
import dev.descent.spi.EpochResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Experiment#train} is {@code descent train}: the same validation, run folder and model bytes. */
class ExperimentTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path config;

    @BeforeAll
    static void smallDataSet() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 5, batch-size: 10, learning-rate: 1.0}
                """);
    }

    @Test
    void trainsTheSameModelBytesAsDescentTrainWithTheSameOverrides() throws IOException {
        Path cli = dir.resolve("cli");
        Cli.Result r = Cli.run("train", config.toString(), "--set", "training.epochs=2", "--set",
                "cost={name: huber, delta: 0.5}", "--data", data.toString(), "--out", cli.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());

        List<EpochResult> heard = new ArrayList<>();
        Run run = Experiment.load(config).set("training.epochs", "2").set("cost", "{name: huber, delta: 0.5}")
                .data(data).train(dir.resolve("api"), heard::add);

        for (String file : List.of("model.safetensors", "config.yaml")) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(file)), Files.readAllBytes(run.folder().resolve(file)),
                    file);
        }
        assertEquals(run.epochs(), heard);
        assertEquals(2, heard.size());
        JsonNode summary = new ObjectMapper().readTree(run.folder().resolve("summary.json").toFile());
        assertEquals(summary.get("test_accuracy").asDouble(), run.kept().testAccuracy());
        assertEquals("epochs_done", run.stopReason());
        assertEquals(dir.resolve("api").resolve("model.safetensors"), run.modelFile());
        assertEquals(10, run.model().predict(new float[784]).length);
    }

    @Test
    void refusesABadOverrideAsDescentTrainDoesNamingTheFileAndTheCall() {
        Experiment experiment = Experiment.load(config);
        DescentException e = assertThrows(DescentException.class, () -> experiment.set("training.epochs", "0"));
        assertTrue(e.getMessage().contains("training.epochs"), e.getMessage());
        assertTrue(e.getMessage().contains("Experiment.set training.epochs=0"), e.getMessage());
        assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
        e = assertThrows(DescentException.class, () -> experiment.set("cost.name", "quadratc").data(data)
                .train(dir.resolve("typo")));
        assertTrue(e.getMessage().contains("did you mean 'quadratic'"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("typo").resolve("model.safetensors")));
    }

    @Test
    void refusesAFolderThatHoldsAnotherRun() {
        Experiment experiment = Experiment.load(config).set("training.epochs", "1").data(data);
        Path folder = dir.resolve("twice");
        experiment.train(folder);
        DescentException e = assertThrows(DescentException.class, () -> experiment.train(folder));
        assertTrue(e.getMessage().startsWith(folder + " holds "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; train into another folder, or delete it first"), e.getMessage());
    }

    @Test
    void trainsAndPredictsWithACostFromAPluginFolder() throws IOException {
        Path plugins = FaultyPlugins.costs(dir.resolve("plugins"));
        Run run = Experiment.load(config, PluginFolder.of(plugins)).set("training.epochs", "1")
                .set("cost", "flaky-cost").data(data).train(dir.resolve("flaky"));
        assertEquals(10, run.model().predict(new float[784]).length);
        assertEquals(10, Model.load(run.folder(), PluginFolder.of(plugins)).outputSize());
        DescentException e = assertThrows(DescentException.class, () -> Model.load(run.folder()));
        assertEquals("model " + run.folder() + " needs cost 'flaky-cost' from faulty-costs.jar (not built in); pass"
                + " PluginFolder.of(DIR) with that jar", e.getMessage());
    }
}
