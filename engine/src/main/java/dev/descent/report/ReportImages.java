package dev.descent.report;

import dev.descent.report.Canvas.Anchor;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** The report's PNGs for terminal users: curves.png (the four charts) and weights.png (the neuron grid). */
final class ReportImages {
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 360;
    static final int TITLE_HEIGHT = 40;
    /** Weight images are drawn four times their size, each with a caption line below. */
    static final int ZOOM = 4;
    static final int GAP = 12;
    static final int CAPTION = 18;
    /** Wide enough for the title, the colour bar and its note. */
    static final int MIN_WEIGHTS_WIDTH = 480;

    private ReportImages() {
    }

    /** Cost, accuracy, learning rate and gradient norm in a 2 x 2 grid under a title line. */
    public static BufferedImage curves(Report r) {
        List<LineChart> charts = TrainingCharts.of(r.epochs());
        int columns = 2;
        int rows = (charts.size() + columns - 1) / columns;
        AwtCanvas canvas = new AwtCanvas(columns * CHART_WIDTH, TITLE_HEIGHT + rows * CHART_HEIGHT);
        canvas.text(16, 27, r.runName() + ": " + r.headline(), Anchor.START, 15, LineChart.TEXT, true, false);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(canvas, (i % columns) * CHART_WIDTH, TITLE_HEIGHT + (i / columns) * CHART_HEIGHT,
                    CHART_WIDTH, CHART_HEIGHT);
        }
        return canvas.finish();
    }

    /**
     * One tile per shown neuron of the first layer, in a near-square grid, each in the diverging map on
     * its own symmetric scale, captioned with its number and scale; a colour bar explains the colours.
     */
    public static BufferedImage weights(Report r) {
        List<Report.NeuronImage> neurons = r.neurons();
        int count = Math.max(1, neurons.size());
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        BufferedImage first =
                neurons.isEmpty() ? new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB) : neurons.getFirst().image();
        int tileWidth = first.getWidth() * ZOOM;
        int tileHeight = first.getHeight() * ZOOM;
        int width = Math.max(MIN_WEIGHTS_WIDTH, GAP + columns * (tileWidth + GAP));
        int top = TITLE_HEIGHT + 44;
        int height = top + rows * (tileHeight + CAPTION + GAP);
        AwtCanvas canvas = new AwtCanvas(width, height);
        canvas.text(GAP, 24, "Weights of the " + r.weightsTitle() + " (" + r.runName() + ")", Anchor.START, 15,
                LineChart.TEXT, true, false);
        colourBar(canvas, GAP, TITLE_HEIGHT - 6);
        canvas.text(GAP, TITLE_HEIGHT + 26,
                "one tile per neuron, each from minus to plus its largest |weight| (below it)",
                Anchor.START, 11, LineChart.TICK_TEXT, false, false);
        for (int i = 0; i < neurons.size(); i++) {
            Report.NeuronImage n = neurons.get(i);
            int x = GAP + (i % columns) * (tileWidth + GAP);
            int y = top + (i / columns) * (tileHeight + CAPTION + GAP);
            canvas.image(n.image(), x, y, tileWidth, tileHeight);
            canvas.rect(x - 0.5, y - 0.5, tileWidth + 1, tileHeight + 1, -1, 0xc9ccd1);
            canvas.text(x + tileWidth / 2.0, y + tileHeight + 14,
                    String.format(Locale.ROOT, "%d  \u00b1%.2f", n.neuron() + 1, n.scale()), Anchor.MIDDLE, 11,
                    LineChart.TICK_TEXT, false, false);
        }
        return canvas.finish();
    }

    private static void colourBar(AwtCanvas canvas, int x, int y) {
        canvas.text(x, y + 11, "negative", Anchor.START, 11, LineChart.TICK_TEXT, false, false);
        int left = x + 60;
        int barWidth = 200;
        for (int i = 0; i < barWidth; i++) {
            int rgb = DivergingColours.rgb(-1 + 2.0 * i / (barWidth - 1));
            canvas.rect(left + i, y, 1, 12, rgb, -1);
        }
        canvas.text(left + barWidth + 6, y + 11, "positive", Anchor.START, 11, LineChart.TICK_TEXT, false, false);
    }
}
