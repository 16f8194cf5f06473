package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent serve} in headless Chromium, driven over the DevTools protocol: a stroke drawn with the
 * mouse on the canvas changes the prediction and the hidden layers' activations; the mistakes picker
 * shows wrong test images and puts one through the network; the page of a run that is still training
 * ({@code descent train --serve}) receives a new epoch. Models of a user's own data get their input: a CSV
 * model's form predicts as values are typed, a picture-folder model shows an uploaded PNG at its own size.
 * Screenshots go to target/serve-browser/.
 * Trains on the shared MNIST data when present, else on {@link ReportBrowserTest#writeBlocks}'s
 * made-up digits. Skipped without /usr/bin/chromium, unless {@code DESCENT_REQUIRE_BROWSER=1}.
 */
class ServeBrowserTest {
    static final Path KEEP = Path.of("target", "serve-browser");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    /** The state of the drawing view: prediction, every hidden cell's value and every output, as JSON. */
    static final String VIEW = "JSON.stringify({p: document.getElementById('prediction').textContent,"
            + " cells: [...document.querySelectorAll('#layers .cell')].map(c => c.dataset.value),"
            + " outputs: [...document.querySelectorAll('#outputs .output')].map(o => o.textContent)})";

    @TempDir
    static Path dir;
    static Path data;
    static Path config;
    static Path run;
    static boolean mnist;

    @BeforeAll
    static void trainARun() throws Exception {
        if (!Files.isExecutable(ReportBrowserTest.CHROMIUM)) {
            if ("1".equals(System.getenv("DESCENT_REQUIRE_BROWSER"))) {
                fail(ReportBrowserTest.CHROMIUM + " is missing but DESCENT_REQUIRE_BROWSER=1; install it: apt-get"
                        + " install -y chromium");
            }
            return;
        }
        Path shared = System.getenv("DESCENT_DATA") == null ? null : Path.of(System.getenv("DESCENT_DATA"));
        Path seed = Path.of("..", "configs", "mnist-seed.yaml");
        mnist = shared != null && Files.isRegularFile(shared.resolve("mnist/train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(seed);
        if (mnist) {
            data = shared;
            config = seed;
        } else {
            data = ReportBrowserTest.writeBlocks(dir.resolve("data"));
            config = dir.resolve("blocks.yaml");
            Files.writeString(config, """
                    seed: 3
                    data: {dataset: mnist}
                    network: {layers: [784, 16, 16, 10]}
                    init: {weights: {name: scaled-gaussian}}
                    training: {epochs: 6, batch-size: 10, learning-rate: 3.0}
                    """);
        }
        run = dir.resolve("run");
        Cli.Result r = ChildDescent.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet", "--set", "training.epochs=" + (mnist ? 3 : 6));
        assertEquals(0, r.exitCode(), r.out());
        Files.createDirectories(KEEP);
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(run != null, ReportBrowserTest.CHROMIUM + " is missing; set DESCENT_REQUIRE_BROWSER=1 to"
                + " fail instead of skipping");
    }

    /** The canvas's top-left corner in the page, in CSS pixels. */
    private static double[] padCorner(Cdp page) throws Exception {
        JsonNode r = page.eval("(() => { const r = document.getElementById('pad').getBoundingClientRect();"
                + " return [r.left, r.top]; })()");
        return new double[] {r.get(0).asDouble(), r.get(1).asDouble()};
    }

    /** A stroke through {@code points} given in canvas pixels (the canvas shows 280 x 280). */
    private static void draw(Cdp page, double[] corner, double[]... points) throws Exception {
        double[][] onPage = new double[points.length * 4][];
        for (int i = 0; i < onPage.length; i++) {   // three steps between given points, as a hand moves
            int segment = Math.min(i / 4, points.length - 2);
            double t = (i - segment * 4) / 4.0;
            double[] a = points[Math.max(0, segment)];
            double[] b = points[Math.min(points.length - 1, segment + 1)];
            onPage[i] = new double[] {corner[0] + a[0] + (b[0] - a[0]) * t, corner[1] + a[1] + (b[1] - a[1]) * t};
        }
        page.stroke(onPage);
    }

    private static String settledView(Cdp page, String previous) throws Exception {
        page.await("!state.busy && !state.again && " + VIEW + " !== " + quote(previous),
                "the page to answer the stroke");
        return page.eval(VIEW).asText();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void drawingAStrokeChangesThePredictionAndTheActivations() throws Exception {
        try (ServeProcess serve = new ServeProcess("serve", run.toString(), "--port", "0", "--data", data.toString());
             Cdp page = Cdp.start(ReportBrowserTest.CHROMIUM, Files.createDirectories(dir.resolve("draw")), WIDTH,
                     HEIGHT)) {
            URI address = serve.awaitAddress("serving", 120);
            page.navigate(address);
            page.await("document.getElementById('status').textContent.startsWith('finished')", "the model's status");
            String empty = page.eval(VIEW).asText();
            double[] corner = padCorner(page);

            draw(page, corner, new double[] {150, 40}, new double[] {145, 140}, new double[] {140, 240});   // a 1
            String one = settledView(page, empty);
            JsonNode first = JSON.readTree(one);
            assertEquals(32, first.get("cells").size(), "16 + 16 hidden neurons, each a cell: " + one);
            assertEquals(10, first.get("outputs").size(), one);
            assertTrue(page.eval("(() => { const d = document.getElementById('input').getContext('2d')"
                    + ".getImageData(0, 0, 28, 28).data; let ink = 0; for (let i = 0; i < d.length; i += 4)"
                    + " if (d[i] < 128) ink++; return ink; })()").asInt() > 20, "the 28x28 input shows the stroke");

            draw(page, corner, new double[] {60, 50}, new double[] {150, 45}, new double[] {230, 40});   // a 7's bar
            String seven = settledView(page, one);
            JsonNode second = JSON.readTree(seven);
            assertNotEquals(first.get("cells"), second.get("cells"), "the activations follow the drawing");
            assertNotEquals(first.get("outputs"), second.get("outputs"), "the outputs follow the drawing");
            page.screenshot(KEEP.resolve("draw.png"));

            page.eval("document.getElementById('show-mistakes').click()");
            page.await("document.querySelectorAll('#tests .test.wrong').length > 0", "the mistakes");
            assertEquals(page.eval("document.querySelectorAll('#tests .test').length").asInt(),
                    page.eval("document.querySelectorAll('#tests .test.wrong').length").asInt(), "only mistakes");
            String caption = page.eval("document.querySelector('#tests .test').title").asText();
            page.eval("document.querySelector('#tests .test').click()");
            page.await("document.getElementById('input-caption').textContent.startsWith('test image')", "a test image");
            String predicted = caption.replaceFirst(".*predicted (\\d+).*", "$1");
            assertEquals(predicted, page.eval("document.getElementById('prediction').textContent").asText(), caption);

            // The slope view: a weight picked by clicking a pixel of a neuron's weight image.
            page.eval("(() => { const c = document.querySelectorAll('#weights canvas')[3]; const r ="
                    + " c.getBoundingClientRect(); c.dispatchEvent(new MouseEvent('click',"
                    + " {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true})); })()");
            String picked = page.eval("document.getElementById('param').value").asText();
            assertTrue(picked.matches("layer1\\.w\\[3,(3[6-9]\\d|4[0-4]\\d)]"), "a pixel near the middle: " + picked);
            String input = picked.substring(picked.indexOf(',') + 1, picked.length() - 1);
            page.await("document.getElementById('slope-info').textContent.startsWith('weight from input " + input
                    + " to neuron 3 of layer 1')"
                    + " && document.getElementById('slope-info').textContent.includes('Descent:')",
                    "the slope of the clicked weight");
            page.eval("document.getElementById('param').value = 'layer3.b[0]';"
                    + " document.getElementById('probe').click()");
            page.await("document.getElementById('slope-info').textContent.startsWith('bias of neuron 0 of layer 3')"
                    + " && document.getElementById('slope-info').textContent.includes('Descent:')", "the slope view");
            page.eval("window.scrollTo(0, 0)");
            page.screenshot(KEEP.resolve("mistakes.png"));
            writeSmall(KEEP.resolve("mistakes.png"), KEEP.resolve("look-inside.png"));
        }
    }

    @Test
    void theLivePageOfARunStillTrainingReceivesANewEpoch() throws Exception {
        Path live = dir.resolve("live");
        try (ServeProcess train = new ServeProcess("train", config.toString(), "--data", data.toString(), "--out",
                live.toString(), "--set", "training.epochs=" + (mnist ? 1000 : 100000), "--serve", "0");
             Cdp page = Cdp.start(ReportBrowserTest.CHROMIUM, Files.createDirectories(dir.resolve("live-browser")),
                     WIDTH, HEIGHT)) {
            URI address = train.awaitAddress("live page at", 120);
            page.navigate(address);
            page.await("document.getElementById('status').textContent.startsWith('training')", "the run's status");
            page.await("Number(document.getElementById('epochs').textContent) >= 1", "the first epoch");
            int seen = page.eval("Number(document.getElementById('epochs').textContent)").asInt();
            page.await("Number(document.getElementById('epochs').textContent) > " + seen,
                    "a new epoch over the stream");
            page.await("document.querySelectorAll('#weights canvas').length === 16", "the first layer's weight images");
            page.screenshot(KEEP.resolve("live.png"));
            assertTrue(train.process().isAlive(), "the run was still training: " + train.output());
        }
    }

    @Test
    void aCsvModelsFormPredictsAndAChangedFieldChangesThePrediction() throws Exception {
        Path flowers = ServeOwnDataTest.train(ServeOwnDataTest.writeFlowers(dir.resolve("flowers")),
                dir.resolve("flowers-run"));
        try (ServeProcess serve = new ServeProcess("serve", flowers.toString(), "--port", "0");
             Cdp page = Cdp.start(ReportBrowserTest.CHROMIUM, Files.createDirectories(dir.resolve("form")), WIDTH,
                     HEIGHT)) {
            page.navigate(serve.awaitAddress("serving", 120));
            page.await("document.querySelectorAll('#feature-fields .feature').length === 3", "a field per feature");
            assertEquals("petal stem weight", page.eval("[...document.querySelectorAll('#feature-fields label')]"
                    + ".map(l => l.textContent).join(' ')").asText());
            page.await("document.getElementById('features-note').textContent === 'test row 0'"
                    + " && document.getElementById('prediction').textContent !== '–'", "test row 0's prediction");
            String row = page.eval(VIEW).asText();
            assertEquals(3, JSON.readTree(row).get("outputs").size(), row);
            assertEquals("daisy iris tulip", page.eval("[...document.querySelectorAll('#outputs > span:not(.output)')]"
                    + ".map(l => l.textContent).join(' ')").asText(), "the outputs carry the class names");

            // Tulips have big petals, long stems and light weights; daisies the opposite (writeFlowers):
            // typing the values (input events, no button) moves the prediction.
            String tulip = type(page, row, "3.2", "31", "95");
            assertEquals("tulip", JSON.readTree(tulip).get("p").asText(), tulip);
            String daisy = type(page, tulip, "0.9", "19", "165");
            assertEquals("daisy", JSON.readTree(daisy).get("p").asText(), daisy);
            assertNotEquals(JSON.readTree(tulip).get("cells"), JSON.readTree(daisy).get("cells"), "the activations");
            page.screenshot(KEEP.resolve("features.png"));

            page.eval("document.getElementById('show-all').click()");
            page.await("document.querySelectorAll('#tests .test .row-values').length === 60", "test rows as values");
            page.eval("document.querySelector('#tests .test').click()");
            page.await("document.getElementById('input-caption').textContent.startsWith('test row')", "a test row");
            page.screenshot(KEEP.resolve("features-tests.png"));
        }
    }

    /** Types {@code values} into the feature fields and waits for the view to change from {@code previous}. */
    private static String type(Cdp page, String previous, String... values) throws Exception {
        for (int j = 0; j < values.length; j++) {
            page.eval("(() => { const f = document.getElementById('feature-" + j + "'); f.value = '" + values[j]
                    + "'; f.dispatchEvent(new Event('input', {bubbles: true})); })()");
        }
        return settledView(page, previous);
    }

    @Test
    void aPictureFolderModelShowsAnUploadedPngAtItsOwnSize() throws Exception {
        Path colours = ServeOwnDataTest.train(ServeOwnDataTest.writeColours(dir.resolve("colours")),
                dir.resolve("colours-run"));
        Path png = dir.resolve("reddish.png");
        ServeOwnDataTest.colourPicture(png, 40, 30, true, new SplittableRandom(8));
        try (ServeProcess serve = new ServeProcess("serve", colours.toString(), "--port", "0");
             Cdp page = Cdp.start(ReportBrowserTest.CHROMIUM, Files.createDirectories(dir.resolve("upload")), WIDTH,
                     HEIGHT)) {
            page.navigate(serve.awaitAddress("serving", 120));
            page.await("document.getElementById('input-title').textContent === 'Upload a picture'", "the upload box");
            page.chooseFile("#picture", png);
            page.await("document.getElementById('input-caption').textContent.startsWith('reddish.png')",
                    "the uploaded picture through the network");
            assertEquals("red", page.eval("document.getElementById('prediction').textContent").asText());
            JsonNode input = page.eval("(() => { const c = document.getElementById('input'); const d ="
                    + " c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let red = 0;"
                    + " for (let i = 0; i < d.length; i += 4) if (d[i] > d[i + 2]) red++;"
                    + " return [c.width, c.height, red]; })()");
            assertEquals(8, input.get(0).asInt(), "the model's 8x6 input");
            assertEquals(6, input.get(1).asInt());
            assertEquals(48, input.get(2).asInt(), "every pixel of the RGB input is reddish: " + input);
            assertEquals("blue red", page.eval("[...document.querySelectorAll('#outputs > span:not(.output)')]"
                    + ".map(l => l.textContent).join(' ')").asText());
            page.eval("document.getElementById('show-all').click()");
            page.await("document.querySelectorAll('#tests .test canvas').length === 12", "the 12 test pictures");
            page.screenshot(KEEP.resolve("upload.png"));
        }
    }

    /** A half-size copy of a screenshot, small enough for the README. */
    private static void writeSmall(Path from, Path to) throws IOException {
        BufferedImage full = ImageIO.read(from.toFile());
        int w = full.getWidth() / 2;
        int h = full.getHeight() / 2;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, w, h, 0, 0, w * 2, h * 2, null);
        g.dispose();
        ImageIO.write(small, "png", to.toFile());
    }
}
