package dev.descent.slope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The four files of a slope run: tables that round-trip, an SVG that parses, a PNG that decodes. */
class SlopeReportTest {
    @TempDir
    Path dir;

    static SlopeReport report() {
        List<SlopeProbe.Point> curve = List.of(new SlopeProbe.Point(-1, 1.0, -2), new SlopeProbe.Point(0, 0.0, 0),
                new SlopeProbe.Point(1, 1.0, 2));
        SlopeProbe.Path path = new SlopeProbe.Path(List.of(new SlopeProbe.Point(0.75f, 0.5625, 1.5),
                new SlopeProbe.Point(0.375f, 0.140625, 0.75), new SlopeProbe.Point(0.1875f, 0.03515625, 0.375)),
                SlopeProbe.Stop.MAX_ITERATIONS);
        return new SlopeReport(new ParameterRef(2, false, 1, 0), "a parabola <for testing>", 0.25, 1e-4, curve, path);
    }

    @Test
    void writesTheCurveAndThePathAsCsv() throws IOException {
        report().write(dir);
        List<String> curve = Files.readAllLines(dir.resolve(SlopeReport.CURVE));
        assertEquals(List.of("w,cost,slope", "-1.00000000,1.000000000,-2.000000000",
                "0.00000000,0.000000000,0.000000000", "1.00000000,1.000000000,2.000000000"), curve);
        List<String> descent = Files.readAllLines(dir.resolve(SlopeReport.DESCENT));
        assertEquals("step,w,cost,slope", descent.getFirst());
        assertEquals(4, descent.size());
        String[] last = descent.getLast().split(",");
        assertEquals("2", last[0]);
        assertEquals(0.1875, Double.parseDouble(last[1]));
        assertEquals(0.375, Double.parseDouble(last[3]));
    }

    @Test
    void htmlIsSelfContainedWithAnSvgThatParses() throws Exception {
        report().write(dir);
        String html = Files.readString(dir.resolve(SlopeReport.HTML));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(!html.contains("src=") && !html.contains("href="), "no external resources");
        assertTrue(html.contains("&lt;for testing&gt;"), "text is escaped");
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength(), "the curve and the path");
        // Three sample points and three path points, plus the legend's marker.
        assertEquals(7, doc.getElementsByTagName("circle").getLength());
    }

    @Test
    void pngHasTheChartsSize() throws IOException {
        report().write(dir);
        BufferedImage png = ImageIO.read(dir.resolve(SlopeReport.PNG).toFile());
        assertEquals(SlopeChart.WIDTH, png.getWidth());
        assertEquals(SlopeChart.HEIGHT, png.getHeight());
    }

    @Test
    void eachTangentHasItsPointsSlope() throws Exception {
        SlopeChart chart = report().chart();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(chart.svg().getBytes(StandardCharsets.UTF_8)));
        var lines = doc.getElementsByTagName("line");
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            var line = (Element) lines.item(i);
            if (!line.getAttribute("stroke").equals("#e08a00")) continue;
            double x1 = Double.parseDouble(line.getAttribute("x1"));
            double y1 = Double.parseDouble(line.getAttribute("y1"));
            double x2 = Double.parseDouble(line.getAttribute("x2"));
            double y2 = Double.parseDouble(line.getAttribute("y2"));
            // Back from screen to data units: the tangent's dC/dw.
            double dataSlope = (y2 - y1) / (chart.py(1) - chart.py(0)) / ((x2 - x1) / (chart.px(1) - chart.px(0)));
            slopes.add(dataSlope);
        }
        assertEquals(4, slopes.size(), "three tangents and the legend's sample");
        assertEquals(-2, slopes.get(0), 0.02);
        assertEquals(0, slopes.get(1), 0.02);
        assertEquals(2, slopes.get(2), 0.02);
    }

    @Test
    void longDescentTablesShowHeadAndTail() {
        List<SlopeProbe.Point> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) many.add(new SlopeProbe.Point(i, 100 - i, -1));
        SlopeReport report = new SlopeReport(new ParameterRef(1, true, 0, -1), "", 1, 1e-4, many.subList(0, 2),
                new SlopeProbe.Path(many, SlopeProbe.Stop.MAX_ITERATIONS));
        List<String> lines = report.descentTable(30).lines().toList();
        assertEquals(1 + 30 + 1, lines.size());
        assertTrue(lines.get(21).contains("70 more steps in descent.csv"), lines.get(21));
        assertTrue(lines.getLast().strip().startsWith("99 "), lines.getLast());
        assertTrue(report.outcome().contains("maximum of 99 steps"), report.outcome());
    }
}
