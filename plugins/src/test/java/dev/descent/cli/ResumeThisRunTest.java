package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent train --resume DIR} continues the run in DIR and nothing else: the run's own config
 * (with the overrides it was started with), its own data and its own checkpoint. A run that has ended,
 * whatever stopped it, is not trained further; one killed after its last checkpoint is finished from it.
 */
class ResumeThisRunTest {
    @TempDir
    Path dir;

    @Test
    void theResumeHintContinuesThisRunWithItsOverrides() throws Exception {
        Path data = data("data", 4000);
        Path config = config("""
                training: {epochs: 30, batch-size: 10, learning-rate: 0.5}
                """);
        Path run = dir.resolve("run");
        ProcessBuilder builder = new ProcessBuilder(ChildDescent.command("train", config.toString(), "--data",
                data.toString(),
                "--out", run.toString(), "--set", "training.epochs=3")).redirectErrorStream(true);
        builder.environment().put("DESCENT_COMMAND", "./descent");
        Process child = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (!signalled && line.startsWith("epoch   1/3")) {
                    signalled = true;
                    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor());
                }
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("the interrupted run did not exit: " + output);
        }
        String printed = String.join("\n", output);
        assertEquals(130, child.exitValue(), printed);
        assertTrue(printed.contains("descent: to continue: ./descent train --resume " + run), printed);

        // The hint as printed (no config, no --set, no --data) finishes the run's 3 epochs, not the file's 30.
        Cli.Result resumed = Cli.run("train", "--resume", run.toString(), "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and 3 epochs");
        assertEquals(3, summary(run).get("epochs"));
    }

    @Test
    void aRunStoppedByTheGradientNormIsNotTrainedFurther() throws IOException {
        Path data = data("data", 40);
        Path config = config("""
                training: {epochs: 5, batch-size: 10, learning-rate: 1.0, stop: {gradient-norm: 1000}}
                """);
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet").exitCode());
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.csv"));

        for (List<String> extra : List.of(List.<String>of(), List.of("--set", "training.epochs=9"))) {
            List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
            args.addAll(extra);
            Cli.Result refused = Cli.run(args.toArray(String[]::new));
            assertEquals(2, refused.exitCode(), refused.out());
            assertTrue(refused.err().contains("the run in " + run
                    + " already finished at epoch 1: gradient norm below 1000"),
                    refused.err());
        }
        assertArrayEquals(model, Files.readAllBytes(run.resolve("model.safetensors")));
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve("metrics.csv")));
    }

    @Test
    void aRunEndedByEarlyStoppingIsNotTrainedFurtherAndIsFinishedWithItsBestEpoch() throws IOException {
        Path data = data("data", 400);
        Path config = Files.writeString(dir.resolve("early.yaml"), """
                seed: 3
                data: {dataset: mnist, validation: 100}
                network: {layers: [784, 8, 10]}
                training:
                  epochs: 30
                  batch-size: 10
                  learning-rate: 1.0
                  early-stop: {metric: validation-cost, patience: 0}
                """);
        Path run = dir.resolve("run");
        Cli.Result trained = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Map<String, Object> summary = summary(run);
        assertEquals("early_stop", summary.get("stop_reason"), trained.out());
        int epochs = (Integer) summary.get("epochs");
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));

        Cli.Result refused = Cli.run("train", "--resume", run.toString(), "--set", "training.epochs=40");
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("already finished at epoch " + epochs
                + ": early stopping: validation-cost last improved in epoch " + summary.get("kept_epoch")),
                refused.err());

        Files.delete(run.resolve("summary.json"));
        Files.delete(run.resolve("model.safetensors"));
        Cli.Result finished = Cli.run("train", "--resume", run.toString(), "--quiet");
        assertEquals(0, finished.exitCode(), finished.err());
        assertArrayEquals(model, Files.readAllBytes(run.resolve("model.safetensors")), "the best epoch's weights");
        assertEquals(summary.get("kept_epoch"), summary(run).get("kept_epoch"));
        assertEquals(epochs + 1, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    void aRunThatTrainedAllItsEpochsSaysHowToTrainLonger() throws IOException {
        Path data = data("data", 40);
        Path run = dir.resolve("run");
        Path config = config("""
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
        assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet").exitCode());
        Cli.Result refused = Cli.run("train", "--resume", run.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("already finished at epoch 2: all 2 epochs done; to train longer: "
                + Invocation.command() + " train --resume " + run + " --set training.epochs=12"), refused.err());

        Cli.Result longer = Cli.run("train", "--resume", run.toString(), "--set", "training.epochs=3", "--quiet");
        assertEquals(0, longer.exitCode(), longer.err());
        assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and 3 epochs");
    }

    @Test
    void aRunKilledAfterItsLastCheckpointIsFinishedFromItWithoutAnotherEpoch() throws IOException {
        Path data = data("data", 40);
        Path config = config("""
                training: {epochs: 5, batch-size: 10, learning-rate: 1.0, stop: {gradient-norm: 1000}}
                """);
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet").exitCode());
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        Map<String, Object> summary = summary(run);
        // What a kill -9 after the checkpoint and before the model leaves: everything but the final files.
        for (String f : List.of("model.safetensors", "summary.json", "report.html", "curves.png", "weights.png")) {
            Files.deleteIfExists(run.resolve(f));
        }

        Cli.Result resumed = Cli.run("train", "--resume", run.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("had finished at epoch 1 (gradient norm"), resumed.out());
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and the one epoch, not two");
        assertArrayEquals(model, Files.readAllBytes(run.resolve("model.safetensors")));
        Map<String, Object> again = summary(run);
        for (String key : List.of("epochs", "kept_epoch", "test_accuracy", "stop_reason", "run_id")) {
            assertEquals(summary.get(key), again.get(key), key);
        }
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
    }

    @Test
    void aResumeRefusesOtherDataACopiedCheckpointAndAnEditedOne() throws IOException {
        Path data = data("data", 40);
        Path config = config("""
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
        Path run = dir.resolve("run");
        Path other = dir.resolve("other");
        for (Path folder : List.of(run, other)) {
            assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", folder.toString(),
                    "--quiet").exitCode());
            Files.delete(folder.resolve("summary.json"));   // as if killed after its last checkpoint
        }
        Path otherData = data("other-data", 60);

        Cli.Result wrongData = Cli.run("train", "--resume", run.toString(), "--data", otherData.toString(),
                "--set", "training.epochs=3");
        assertEquals(2, wrongData.exitCode(), wrongData.out());
        assertTrue(wrongData.err().contains("is not the data the run in " + run + " trained on: 60 training images (the"
                + " run's: 40)"), wrongData.err());
        assertTrue(wrongData.err().contains("train-images-idx3-ubyte.gz of "), wrongData.err());

        Path checkpoint = run.resolve("checkpoint.safetensors");
        byte[] own = Files.readAllBytes(checkpoint);
        Files.copy(other.resolve("checkpoint.safetensors"), checkpoint, StandardCopyOption.REPLACE_EXISTING);
        Cli.Result copied = Cli.run("train", "--resume", run.toString(), "--set", "training.epochs=3");
        assertEquals(2, copied.exitCode(), copied.out());
        assertTrue(copied.err().contains(checkpoint + " is not this run's: it was saved by run "), copied.err());
        assertTrue(copied.err().contains("it was copied from another run"), copied.err());

        Files.write(checkpoint, own);
        SafetensorsEdits.editHeader(checkpoint, h -> ((ObjectNode) h.get("__metadata__"))
                .put("checkpoint_step", "99999"));
        Cli.Result edited = Cli.run("train", "--resume", run.toString(), "--set", "training.epochs=3");
        assertEquals(2, edited.exitCode(), edited.out());
        assertTrue(edited.err().contains(checkpoint + " has been edited"), edited.err());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "nothing was trained");
    }

    @Test
    void aCheckpointStepBeyondAnEpochIsRefusedEvenWithoutARunIdentity() throws IOException {
        Path data = data("data", 40);
        Path config = config("""
                training: {epochs: 2, batch-size: 10, learning-rate: 1.0}
                """);
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet").exitCode());
        Files.delete(run.resolve("summary.json"));
        Files.delete(run.resolve("run.json"));   // a run folder of descent 0.1
        SafetensorsEdits.editHeader(run.resolve("checkpoint.safetensors"), h -> {
            var meta = (ObjectNode) h.get("__metadata__");
            meta.remove(List.of("run_id", "data_identity", "checkpoint_digest"));
            meta.put("checkpoint_step", "99999");
        });
        Cli.Result refused = Cli.run("train", "--resume", run.toString(), "--data", data.toString());
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("checkpoint_step 99999 but an epoch of this data has 4 mini-batches"),
                refused.err());
    }

    private Path data(String name, int trainImages) throws IOException {
        Path root = dir.resolve(name);
        Path mnist = Files.createDirectories(root.resolve("mnist"));
        TinyMnist.writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), trainImages);
        TinyMnist.writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), trainImages, -1);
        TinyMnist.writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 20);
        TinyMnist.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 20, -1);
        return root;
    }

    private Path config(String training) throws IOException {
        return Files.writeString(dir.resolve("experiment.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                """ + training);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Path run) throws IOException {
        return new ObjectMapper().readValue(run.resolve("summary.json").toFile(), Map.class);
    }
}
