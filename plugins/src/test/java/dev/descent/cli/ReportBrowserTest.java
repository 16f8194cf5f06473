package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains configs/mnist-seed.yaml for its 30 epochs (or, without the shared data, a small network on a
 * learnable made-up data set, see {@link #writeBlocks}), opens the run's report.html in headless
 * Chromium, offline, and checks what a person
 * would see: a screenshot that is not blank and shows the charts' and heatmaps' colours, and a DOM
 * with the charts, the 10 x 10 confusion matrix and the images. Skipped without /usr/bin/chromium,
 * unless {@code DESCENT_REQUIRE_BROWSER=1} (CI) makes that a failure.
 */
class ReportBrowserTest {
    /** -Ddescent.chromium=PATH points the test at another browser binary (or at none, to try the skip). */
    static final Path CHROMIUM = Path.of(System.getProperty("descent.chromium", "/usr/bin/chromium"));
    static final long TIMEOUT_SECONDS = 120;
    static final int WIDTH = 1280;
    static final int HEIGHT = 4000;
    /** Where the screenshot, DOM and page are kept for a person to look at after the build. */
    static final Path KEEP = Path.of("target", "report-browser");

    @TempDir
    static Path dir;
    static Path run;
    /** First-layer neurons of the run's network: one weight image each. */
    static int neurons;

    @BeforeAll
    static void trainATinyRun() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("1".equals(System.getenv("DESCENT_REQUIRE_BROWSER"))) {
                fail(CHROMIUM + " is missing but DESCENT_REQUIRE_BROWSER=1; install it: apt-get install -y chromium");
            }
            return;   // each test is skipped, saying why
        }
        // The case: 30 epochs of configs/mnist-seed.yaml on the shared MNIST data. Without those
        // data (a checkout without ../shared), a learnable made-up data set stands in.
        Path shared = System.getenv("DESCENT_DATA") == null ? null : Path.of(System.getenv("DESCENT_DATA"));
        Path seed = Path.of("..", "configs", "mnist-seed.yaml");
        Path data;
        Path config;
        if (shared != null && Files.isRegularFile(shared.resolve("mnist/train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(seed)) {
            data = shared;
            config = seed;
            neurons = 16;
        } else {
            data = writeBlocks(dir.resolve("data"));
            config = dir.resolve("blocks.yaml");
            Files.writeString(config, """
                    seed: 3
                    data: {dataset: mnist}
                    network: {layers: [784, 8, 10]}
                    init: {weights: {name: scaled-gaussian}}
                    training: {epochs: 6, batch-size: 10, learning-rate: 3.0}
                    """);
            neurons = 8;
        }
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        Files.createDirectories(KEEP);
        Files.copy(run.resolve("report.html"), KEEP.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(run != null,
                CHROMIUM + " is missing; set DESCENT_REQUIRE_BROWSER=1 to fail instead of skipping");
    }

    /**
     * A learnable stand-in for MNIST, so the page shows what a real run shows (a strong diagonal, weights
     * with structure, rising accuracy): class k is a bright 5 x 10 block at its own place on a dim noisy
     * background. Every seventh test image shows the next class's block under its own label, so the
     * network makes confident mistakes.
     */
    static Path writeBlocks(Path root) throws IOException {
        Path mnist = Files.createDirectories(root.resolve("mnist"));
        writeBlocks(mnist, "train", 400, false);
        writeBlocks(mnist, "t10k", 100, true);
        return root;
    }

    private static void writeBlocks(Path folder, String split, int count, boolean mislabel) throws IOException {
        SplittableRandom random = new SplittableRandom(split.hashCode());
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            int shown = mislabel && i % 7 == 3 ? (label + 1) % 10 : label;
            for (int p = 0; p < 784; p++) pixels[i * 784 + p] = (byte) random.nextInt(40);
            int top = 3 + 12 * (shown / 5);
            int left = 1 + 5 * (shown % 5) + 1;
            for (int r = top; r < top + 10; r++) {
                for (int c = left; c < left + 4; c++) pixels[i * 784 + r * 28 + c] = (byte) (200 + random.nextInt(56));
            }
            labels[i] = (byte) label;
        }
        TinyMnist.gzip(folder.resolve(split + "-images-idx3-ubyte.gz"),
                ByteBuffer.allocate(16).putInt(2051).putInt(count).putInt(28).putInt(28).array(), pixels);
        TinyMnist.gzip(folder.resolve(split + "-labels-idx1-ubyte.gz"),
                ByteBuffer.allocate(8).putInt(2049).putInt(count).array(), labels);
    }

    /** Runs Chromium headless and offline on report.html with extra arguments; returns its standard output. */
    private static String chromium(String name, String... extra) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        List<String> command = new ArrayList<>(
                List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + work.resolve("profile"),
                        "--window-size=" + WIDTH + "," + HEIGHT));
        command.addAll(List.of(extra));
        command.add(run.resolve("report.html").toUri().toString());
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + tail(err));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + tail(err));
        Files.copy(out, KEEP.resolve(name + ".out"), StandardCopyOption.REPLACE_EXISTING);
        return Files.readString(out);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void screenshotShowsAColourfulPageWithChartsAndHeatmaps() throws Exception {
        Path shot = dir.resolve("shot.png");
        chromium("screenshot", "--screenshot=" + shot);
        Files.copy(shot, KEEP.resolve("shot.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertTrue(image != null, "chromium wrote a PNG");
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());

        Set<Integer> colours = new HashSet<>();
        long notWhite = 0;
        long curveBlue = 0;
        long curveOrange = 0;
        long heatRed = 0;
        long heatBlue = 0;
        long matrixGreen = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r < 235 || g < 235 || b < 235) notWhite++;
                if (near(rgb, 0x1f77b4)) curveBlue++;          // train cost
                if (near(rgb, 0xff7f0e)) curveOrange++;        // test cost and accuracy
                if (r - b > 80 && r > 150) heatRed++;          // positive weights, wrong predictions
                if (b - r > 50) heatBlue++;                    // negative weights (the train curve adds a little)
                if (g - r > 60 && g - b > 20) matrixGreen++;   // the confusion matrix's diagonal
            }
        }
        String summary = colours.size() + " colours, " + notWhite + " non-white, blue " + curveBlue + ", orange "
                + curveOrange + ", red " + heatRed + ", blue " + heatBlue + ", green " + matrixGreen;
        // Measured on this page: 3,758 colours, 329k non-white, 3.0k and 1.5k curve pixels, 27k red, 16k blue,
        // 18k green. A blank or unstyled page, or one whose images or SVG failed to render, falls far short.
        assertTrue(colours.size() > 1000, summary);
        assertTrue(notWhite > 0.03 * WIDTH * HEIGHT, summary);
        assertTrue(curveBlue > 300 && curveOrange > 300, "chart lines: " + summary);
        assertTrue(heatRed > 8_000 && heatBlue > 8_000, "weight heatmaps: " + summary);
        assertTrue(matrixGreen > 5_000, "confusion matrix: " + summary);
    }

    private static boolean near(int rgb, int target) {
        int dr = (rgb >> 16) - (target >> 16);
        int dg = ((rgb >> 8) & 0xff) - ((target >> 8) & 0xff);
        int db = (rgb & 0xff) - (target & 0xff);
        return dr * dr + dg * dg + db * db < 30 * 30;
    }

    @Test
    void renderedDomHasChartsMatrixAndImages() throws Exception {
        String dom = chromium("dom", "--dump-dom");
        assertTrue(dom.contains("<title>descent report: run</title>"),
                dom.length() > 500 ? dom.substring(0, 500) : dom);
        assertEquals(4, count(dom, "<svg class=\"chart\""));
        assertTrue(count(dom, "<polyline ") >= 4, "a line per series");
        assertTrue(count(dom, "<text ") >= 40, "ticks and labels");
        Matcher table = Pattern.compile("<table class=\"confusion\" id=\"confusion-matrix\">(.*?)</table>",
                Pattern.DOTALL)
                .matcher(dom);
        assertTrue(table.find(), "the confusion matrix");
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        while (row.find()) rows.add(row.group(1));
        assertEquals(12, rows.size(), "header, 10 classes, precision");
        for (int k = 1; k <= 10; k++) assertEquals(10, count(rows.get(k), "<td class=\"cell\""), "row " + k);
        assertEquals(neurons, count(dom, "<img class=\"neuron\"[^>]*src=\"data:image/png;base64,"));
        int mistakes = count(dom, "<img class=\"mistake\"[^>]*src=\"data:image/png;base64,");
        assertTrue(mistakes >= 1 && mistakes <= 16, mistakes + " wrong digits");
        assertEquals(0, count(dom, "(?i)(src|href)=\"https?:"), "nothing fetched from outside");
    }
}
