package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a made-up run folder: what report.html holds, that it is self-contained, and the PNGs. */
class RunReportTest {
    private static final Cost PLAIN = (activations, targets, rows, width, gradient) -> 0;

    @TempDir
    Path run;
    ExperimentConfig config;
    Network network;
    Dataset test;

    @BeforeEach
    void runFolder() throws Exception {
        Files.writeString(run.resolve("config.yaml"), """
                # <script>alert('not run')</script> & friends
                seed: 5
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 3, kernels: scalar}
                """);
        Files.writeString(run.resolve("metrics.csv"), """
                epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate,seconds,samples_per_second
                1,0.26,0.17,0.70,0.0089,3.0,0.4,1000.0
                2,0.12,0.11,0.80,0.0045,2.0,0.1,4000.0
                3,0.09,0.10,0.85,0.0033,1.0,0.1,4000.0
                """);
        Files.writeString(run.resolve("summary.json"), """
                {"parameters": 6370, "layers": [784, 8, 10], "test_accuracy": 0.85, "kernels": "<scalar>"}
                """);
        config = ConfigLoader.load(run.resolve("config.yaml"), List.of());
        network = new Network(new int[] {784, 8, 10}, Activation.SIGMOID);
        SplittableRandom random = new SplittableRandom(11);
        for (int l = 1; l < 3; l++) {
            float[] w = new float[network.size(l - 1) * network.size(l)];
            for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian() * 0.1f;
            network.setWeights(l, w);
        }
        test = Dataset.synthetic(60, 3);
    }

    private static int count(String text, String fragment) {
        return text.split(Pattern.quote(fragment), -1).length - 1;
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "a PNG ImageIO can read");
        return image;
    }

    @Test
    void pageHoldsChartsMatrixWeightsMistakesSummaryAndConfig() throws Exception {
        Report report = RunReport.write(run, config, network, PLAIN, test);
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertEquals(4, count(html, "<svg class=\"chart\""));
        assertTrue(count(html, "<polyline") >= 4, "a line per series");
        for (String title : List.of(">Cost<", ">Accuracy<", ">Learning rate<", ">Gradient norm<")) {
            assertTrue(html.contains(title), title);
        }
        assertEquals(1, count(html, "<table class=\"confusion\" id=\"confusion-matrix\">"));
        assertEquals(100, count(html, "<td class=\"cell\""));
        assertEquals(20, count(html, "<td class=\"metric\">"), "10 recalls and 10 precisions");
        assertEquals(8, count(html, "<img class=\"neuron\""));
        int wrong = test.count() - report.confusion().correct();
        assertEquals(Math.min(16, wrong), count(html, "<img class=\"mistake\""));
        assertTrue(html.contains("<td>parameters</td><td>6370</td>")
                && html.contains("<td>layers</td><td>[784,8,10]</td>"), html);
        assertTrue(html.contains("&lt;scalar&gt;"), "summary values are escaped");
        assertTrue(html.contains("# &lt;script&gt;alert(&#39;not run&#39;)&lt;/script&gt; &amp; friends"),
                "config is escaped");
        assertFalse(html.contains("<script"), "no scripts at all");
    }

    @Test
    void pageNeedsNothingFromOutside() throws Exception {
        RunReport.write(run, config, network, PLAIN, test);
        String html = Files.readString(run.resolve("report.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no URLs");
        Matcher refs = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (refs.find()) {
            String target = refs.group(2);
            assertTrue(target.startsWith("#") || target.startsWith("data:image/png;base64,"), target);
            if (target.startsWith("data:")) {
                BufferedImage image = decode(Base64.getDecoder().decode(target.substring(target.indexOf(',') + 1)));
                assertEquals(28, image.getWidth());
                assertEquals(28, image.getHeight());
                images++;
            }
        }
        assertTrue(images >= 8, images + " embedded images");
        assertFalse(Pattern.compile("(?i)url\\(|@import|<link|<iframe|<object|<embed").matcher(html).find());
    }

    @Test
    void writesPngsOfTheExpectedSizes() throws Exception {
        RunReport.write(run, config, network, PLAIN, test);
        BufferedImage curves = decode(Files.readAllBytes(run.resolve("curves.png")));
        assertEquals(2 * ReportImages.CHART_WIDTH, curves.getWidth());
        assertEquals(ReportImages.TITLE_HEIGHT + 2 * ReportImages.CHART_HEIGHT, curves.getHeight());
        BufferedImage weights = decode(Files.readAllBytes(run.resolve("weights.png")));
        // 8 neurons: a 3 x 3 grid of 112-pixel tiles, each with a caption line, under the title and colour bar.
        assertEquals(ReportImages.MIN_WEIGHTS_WIDTH, weights.getWidth());
        assertEquals(ReportImages.TITLE_HEIGHT + 44 + 3 * (28 * 4 + ReportImages.CAPTION + ReportImages.GAP),
                weights.getHeight());
        // The top left tile shows neuron 1 in the diverging map: its weights are drawn, not left white.
        int x = ReportImages.GAP + 56;
        int y = ReportImages.TITLE_HEIGHT + 44 + 56;
        assertTrue(weights.getRGB(x, y) != 0xffffffff || weights.getRGB(x + 4, y) != 0xffffffff);
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void theSameInputsGiveTheSameFiles() throws Exception {
        RunReport.write(run, config, network, PLAIN, test);
        String first = Files.readString(run.resolve("report.html"));
        byte[] curves = Files.readAllBytes(run.resolve("curves.png"));
        RunReport.write(run, config, network, PLAIN, test);
        assertEquals(first, Files.readString(run.resolve("report.html")));
        assertTrue(Arrays.equals(curves, Files.readAllBytes(run.resolve("curves.png"))));
    }

    @Test
    void weightImagesUseEachNeuronsOwnSymmetricScale() {
        float[] w = new float[784 * 8];
        w[0] = 2f;      // neuron 1: +2 at the top left pixel, -1 at the next
        w[1] = -1f;
        w[784] = -0.5f; // neuron 2: only -0.5
        network.setWeights(1, w);
        Report report = Report.build(run, config, network, PLAIN, test);
        assertEquals(2.0, report.neurons().get(0).scale(), 1e-6);
        assertEquals(0.5, report.neurons().get(1).scale(), 1e-6);
        assertEquals(DivergingColours.rgb(1), report.neurons().get(0).image().getRGB(0, 0) & 0xffffff);
        assertEquals(DivergingColours.rgb(-0.5), report.neurons().get(0).image().getRGB(1, 0) & 0xffffff);
        assertEquals(DivergingColours.rgb(-1), report.neurons().get(1).image().getRGB(0, 0) & 0xffffff);
        assertEquals(DivergingColours.rgb(0), report.neurons().get(2).image().getRGB(5, 5) & 0xffffff,
                "all zero: neutral");
    }

    @Test
    void namesTheFileThatIsMissingOrBroken() throws Exception {
        Files.writeString(run.resolve("summary.json"), "{\"parameters\": ");
        DescentException e =
                assertThrows(DescentException.class, () -> RunReport.write(run, config, network, PLAIN, test));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
        Files.delete(run.resolve("metrics.csv"));
        e = assertThrows(DescentException.class, () -> RunReport.write(run, config, network, PLAIN, test));
        assertTrue(e.getMessage().contains("metrics.csv"), e.getMessage());
        assertFalse(Files.exists(run.resolve("report.html")));
    }

    @Test
    void fashionMnistClassesHaveTheirNames() throws Exception {
        Files.writeString(run.resolve("config.yaml"),
                Files.readString(run.resolve("config.yaml")).replace("mnist", "fashion-mnist"));
        ExperimentConfig fashion = ConfigLoader.load(run.resolve("config.yaml"), List.of());
        Report report = Report.build(run, fashion, network, PLAIN, test);
        assertEquals("Ankle boot", report.classNames().get(9));
        assertTrue(ReportPage.render(report).contains("<th scope=\"col\">T-shirt/top</th>"));
    }
}
