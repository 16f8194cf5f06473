package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run records the data it trained on (root and identity, in run.json and summary.json): {@code report}
 * finds it without {@code --data}, says which data its figures are of, and warns when {@code --data}
 * names other images. A model file records its cost's parameters, so it evaluates alone, without its run
 * folder; an older file that records only the cost's name is refused when the cost has parameters, rather
 * than evaluated with the plugin's defaults.
 */
class RunRecordsItsDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static Path run;

    @BeforeAll
    static void trainWithHuber() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("huber.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                cost: {name: huber, delta: 0.5}
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void summaryAndRunJsonRecordTheDataRootAndTheDataIdentity() throws IOException {
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode record = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals(data.toAbsolutePath().normalize().toString(), summary.get("data_root").asText());
        assertEquals(summary.get("run_id"), record.get("run_id"));
        assertEquals(16, summary.get("run_id").asText().length());
        JsonNode identity = summary.get("data");
        assertEquals("mnist", identity.get("dataset").asText());
        assertEquals(40, identity.get("train_images").asInt());
        assertEquals(20, identity.get("test_images").asInt());
        assertEquals(4, identity.get("files").size());
        JsonNode first = identity.get("files").get(0);
        assertEquals("train-images-idx3-ubyte.gz", first.get("name").asText());
        assertEquals(Files.size(data.resolve("mnist/train-images-idx3-ubyte.gz")), first.get("size").asLong());
        assertTrue(first.get("crc32_first_64k").asText().matches("[0-9a-f]{8}"), first.toString());
    }

    @Test
    void reportFindsTheRunsDataWithoutData() {
        Cli.Result r = Cli.run("report", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(test set: 20 images in " + data.toAbsolutePath().normalize().resolve("mnist")
                + ")"),
                r.out());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void reportOnOtherDataSaysSoAndWarns() throws IOException {
        Path other = dir.resolve("other");
        Path mnist = Files.createDirectories(other.resolve("mnist"));
        TinyMnist.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), 40);
        TinyMnist.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), 40, -1);
        TinyMnist.writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 30);
        TinyMnist.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 30, -1);
        Cli.Result r = Cli.run("report", run.toString(), "--data", other.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(test set: 30 images in " + other.toAbsolutePath().normalize().resolve("mnist")
                + ")"),
                r.out());
        assertTrue(r.err().contains("warning: the report is computed on "
                + other.toAbsolutePath().normalize().resolve("mnist") + ", not on the data the run trained on ("
                + data.toAbsolutePath().normalize() + "): 30 test images (the run's: 20)"),
                r.err());
    }

    @Test
    void aModelFileWithoutItsRunFolderIsEvaluatedWithTheParametersItRecords() throws IOException {
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve("model.safetensors");
        Files.copy(run.resolve("model.safetensors"), alone);
        Cli.Result lone = Cli.run("eval", alone.toString(), "--data", data.toString(), "--json");
        assertEquals(0, lone.exitCode(), lone.err());
        Cli.Result inFolder = Cli.run("eval", run.toString(), "--data", data.toString(), "--json");
        assertEquals(0, inFolder.exitCode(), inFolder.err());
        // Huber's cost depends on delta: the same mean cost means the file's 0.5, not the default 1.0.
        double summaryCost = JSON.readTree(run.resolve("summary.json").toFile()).get("test_cost").asDouble();
        assertEquals(summaryCost, JSON.readTree(lone.out()).get("cost").asDouble(), 1e-9);
        assertEquals(JSON.readTree(inFolder.out()).get("cost"), JSON.readTree(lone.out()).get("cost"));
    }

    @Test
    void anOlderModelFileWithoutItsRunFolderIsNotEvaluatedWithDefaultParameters() throws IOException {
        Path alone = Files.createDirectories(dir.resolve("elsewhere")).resolve("model.safetensors");
        Files.copy(run.resolve("model.safetensors"), alone);
        // What descent 0.1 wrote: the cost's name, not its parameters.
        SafetensorsEdits.editHeader(alone, header -> ((ObjectNode) header.get("__metadata__"))
                .remove("cost_parameters"));
        for (String command : new String[] {"eval", "predict"}) {
            Cli.Result r = command.equals("eval") ? Cli.run("eval", alone.toString(), "--data", data.toString())
                    : Cli.run("predict", alone.toString(), dir.resolve("digit.png").toString());
            assertEquals(2, r.exitCode(), r.out());
            assertTrue(r.err().contains(alone
                    + " was trained with cost huber, whose parameters (delta) the model file does"
                    + " not record (it was written by a descent before 0.2.0), and there is no config.yaml of its"
                    + " run beside it"), r.err());
        }
    }
}
