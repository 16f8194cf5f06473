package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent train} writes the report; {@code descent report RUN_DIR} writes it again, or names what is wrong. */
class ReportCommandTest {
    private static final List<String> REPORT_FILES = List.of("report.html", "curves.png", "weights.png");

    /** Trained once; each test gets its own copy of the run folder and data. */
    @TempDir
    static Path template;
    @TempDir
    Path dir;
    Path data;
    Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path data = TinyMnist.write(template.resolve("data"));
        Path config = template.resolve("tiny.yaml");
        Files.writeString(config, """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 3, batch-size: 10, learning-rate: 1.0}
                """);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out",
                template.resolve("run").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    @BeforeEach
    void copyOfTheRun() throws IOException {
        data = copy(template.resolve("data"), dir.resolve("data"));
        run = copy(template.resolve("run"), dir.resolve("run"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
        return to;
    }

    private Cli.Result report(String... extra) {
        List<String> args = new ArrayList<>(List.of("report", run.toString(), "--data", data.toString()));
        args.addAll(Arrays.asList(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertBadInput(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    private static BufferedImage png(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " is a PNG");
        return image;
    }

    @Test
    void trainWritesTheReportBesideTheModel() throws IOException {
        for (String f : REPORT_FILES) assertTrue(Files.isRegularFile(run.resolve(f)), f);
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<code>run</code>"), "titled with the run folder");
        assertTrue(html.contains("after 3 epochs"), "3 epochs");
        assertEquals(4, html.split("<svg class=\"chart\"", -1).length - 1);
        assertEquals(100, html.split("<td class=\"cell\"", -1).length - 1);
        assertEquals(8, html.split("<img class=\"neuron\"", -1).length - 1);
        assertTrue(html.contains("<img class=\"mistake\""),
                "the tiny set's labels are arbitrary, so there are mistakes");
        assertEquals(1200, png(run.resolve("curves.png")).getWidth());
        assertTrue(png(run.resolve("weights.png")).getHeight() > 3 * 112, "three rows of tiles");
    }

    @Test
    void reportReproducesWhatTrainWrote() throws IOException {
        String html = Files.readString(run.resolve("report.html"));
        byte[] curves = Files.readAllBytes(run.resolve("curves.png"));
        byte[] weights = Files.readAllBytes(run.resolve("weights.png"));
        for (String f : REPORT_FILES) Files.delete(run.resolve(f));

        Cli.Result r = report();
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("report.html") && r.out().contains(run.toString()), r.out());
        assertEquals(html, Files.readString(run.resolve("report.html")));
        assertArrayEquals(curves, Files.readAllBytes(run.resolve("curves.png")));
        assertArrayEquals(weights, Files.readAllBytes(run.resolve("weights.png")));
    }

    @Test
    void rejectsAMissingFolder() {
        Cli.Result r = Cli.run("report", dir.resolve("nowhere").toString());
        assertBadInput(r, "nowhere", "does not exist");
    }

    @Test
    void rejectsAFileForAFolder() {
        Cli.Result r = Cli.run("report", run.resolve("metrics.csv").toString());
        assertBadInput(r, "metrics.csv", "run folder");
    }

    @Test
    void rejectsAFolderWithoutMetrics() throws IOException {
        Files.delete(run.resolve("metrics.csv"));
        assertBadInput(report(), "metrics.csv", "missing");
    }

    @Test
    void rejectsCorruptMetrics() throws IOException {
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_cost\n1,0.5\n");
        assertBadInput(report(), "metrics.csv", "test_cost");
    }

    @Test
    void rejectsCorruptSummary() throws IOException {
        Files.writeString(run.resolve("summary.json"), "{\"parameters\": 6370,");
        assertBadInput(report(), "summary.json");
    }

    @Test
    void rejectsATruncatedModel() throws IOException {
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        Files.write(run.resolve("model.safetensors"), Arrays.copyOf(model, model.length / 2));
        assertBadInput(report(), "model.safetensors");
    }

    @Test
    void rejectsAModelThatDoesNotMatchTheConfig() throws IOException {
        Path config = run.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("- 8\n", "- 9\n"));
        assertBadInput(report(), "model.safetensors", "784,8,10", "784,9,10");
    }

    @Test
    void rejectsABrokenConfig() throws IOException {
        Files.writeString(run.resolve("config.yaml"), "seed: [\n");
        assertBadInput(report(), "config.yaml");
    }

    @Test
    void rejectsMissingTestData() throws IOException {
        Files.delete(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        Files.writeString(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"), "not gzip, not idx");
        assertBadInput(report(), "t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void hasHelp() {
        Cli.Result r = Cli.run("report", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("RUN_DIR") && r.out().contains("--data"), r.out());
        assertTrue(Cli.run("--help").out().contains("report"));
    }
}
