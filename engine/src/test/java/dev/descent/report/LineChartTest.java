package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineChartTest {
    private static String svg(LineChart chart) {
        SvgCanvas canvas = new SvgCanvas(580, 340);
        chart.draw(canvas, 0, 0, 580, 340);
        return canvas.toSvg("chart", chart.title());
    }

    /** The points of each polyline, as {x, y} pairs. */
    private static List<double[][]> polylines(String svg) {
        List<double[][]> lines = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline[^>]* points=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            String[] pairs = m.group(1).split(" ");
            double[][] points = new double[pairs.length][];
            for (int i = 0; i < pairs.length; i++) {
                String[] xy = pairs[i].split(",");
                points[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
            }
            lines.add(points);
        }
        return lines;
    }

    private static int count(String text, String fragment) {
        return text.split(Pattern.quote(fragment), -1).length - 1;
    }

    @Test
    void drawsTitleLegendTicksAndAxisLabels() {
        String svg = svg(new LineChart("Cost", "epoch", "mean cost").includeZero()
                .add("train", 0x1f77b4, new double[] {1, 2, 3}, new double[] {0.26, 0.12, 0.09})
                .add("test", 0xff7f0e, new double[] {1, 2, 3}, new double[] {0.17, 0.11, 0.10}));
        assertTrue(svg.startsWith("<svg class=\"chart\""), svg);
        assertTrue(svg.contains("<title>Cost</title>"), svg);
        for (String text : List.of(">Cost<", ">train<", ">test<", ">epoch<", ">mean cost<", ">0.00<", ">0.30<", ">1<",
                ">3<")) {
            assertTrue(svg.contains(text), text + " in " + svg);
        }
        assertTrue(svg.contains("rotate(-90"), "the y label is vertical");
        assertEquals(2, polylines(svg).size());
        assertTrue(svg.contains("stroke=\"#1f77b4\"") && svg.contains("stroke=\"#ff7f0e\""));
    }

    @Test
    void placesPointsOnTheScaledAxes() {
        LineChart chart = new LineChart("t", "x", "y").add("s", 0, new double[] {0, 5, 10}, new double[] {0, 0.5, 1});
        List<double[][]> lines = polylines(svg(chart));
        double[][] p = lines.getFirst();
        // x and y axes run 0..10 and 0..1 exactly, so the points split the plot evenly.
        assertEquals(p[1][0] - p[0][0], p[2][0] - p[1][0], 0.15);
        assertEquals(p[0][1] - p[1][1], p[1][1] - p[2][1], 0.15);
        assertTrue(p[0][1] > p[2][1], "larger values are drawn higher");
        assertEquals(0, chart.xAxis().min());
        assertEquals(10, chart.xAxis().max());
    }

    @Test
    void nonFiniteValuesBreakTheLineWithoutStretchingTheAxis() {
        LineChart chart = new LineChart("t", "x", "y").add("s", 0,
                new double[] {1, 2, 3, 4, 5}, new double[] {0.1, 0.2, Double.NaN, 0.4, Double.POSITIVE_INFINITY});
        List<double[][]> lines = polylines(svg(chart));
        assertEquals(2, lines.size());
        assertEquals(2, lines.get(0).length);
        assertEquals(1, lines.get(1).length);
        assertTrue(chart.yAxis().max() <= 0.5, chart.yAxis().toString());
    }

    @Test
    void includeZeroExtendsTheYAxisToZero() {
        double[] x = {1, 2};
        double[] y = {3, 3};
        assertTrue(new LineChart("t", "x", "y").add("s", 0, x, y).yAxis().min() > 2);
        assertEquals(0, new LineChart("t", "x", "y").includeZero().add("s", 0, x, y).yAxis().min());
    }

    @Test
    void escapesTextAndSaysWhenThereIsNoData() {
        String svg = svg(new LineChart("a < b & c", "x", "y")
                .add("<i>", 0, new double[] {1}, new double[] {Double.NaN}));
        assertTrue(svg.contains("a &lt; b &amp; c") && svg.contains("&lt;i&gt;"), svg);
        assertFalse(svg.contains("<i>"), svg);
        assertTrue(svg.contains(">no data<"), svg);
        assertEquals(0, count(svg, "<polyline"));
    }

    @Test
    void marksEachPointOfShortSeriesOnly() {
        double[] x = new double[LineChart.MAX_MARKERS + 1];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        assertEquals(3, count(
                svg(new LineChart("t", "x", "y").add("s", 0, new double[] {1, 2, 3}, new double[] {1, 2, 3})),
                "<circle"));
        assertEquals(0, count(svg(new LineChart("t", "x", "y").add("s", 0, x, x)), "<circle"));
    }

    @Test
    void drawsTheSameOnPixels() {
        AwtCanvas canvas = new AwtCanvas(300, 200);
        new LineChart("t", "x", "y").add("s", 0xff0000, new double[] {1, 2}, new double[] {0, 1})
                .draw(canvas, 0, 0, 300, 200);
        BufferedImage image = canvas.finish();
        int red = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 100 && (rgb & 0xff) < 100) red++;
            }
        }
        assertTrue(red > 100, red + " red pixels of the line");
    }
}
