package dev.descent.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS, inline SVG charts, images as
 * PNG {@code data:} URIs, no scripts and no reference to anything outside the page, so it opens the
 * same offline, from a file, or mailed as an attachment. Every text from a file is escaped.
 */
final class ReportPage {
    static final int CHART_WIDTH = 580;
    static final int CHART_HEIGHT = 340;
    /** Images are 28x28; shown three times larger with square pixels. */
    static final int IMAGE_ZOOM = 3;

    private static final String STYLE = """
            :root { color-scheme: light; }
            body { margin: 0; background: #f3f4f6; color: #1f2328;
                   font: 15px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
            main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
            h1 { font-size: 24px; margin: 8px 0 4px; }
            h1 code { font-size: 22px; }
            .lead { font-size: 17px; margin: 0 0 8px; }
            nav a { margin-right: 14px; color: #0b5cad; }
            section { background: #fff; border: 1px solid #d8dbe0; border-radius: 8px; padding: 14px 20px 18px;
                      margin: 16px 0; }
            h2 { font-size: 19px; margin: 0 0 6px; }
            .note { color: #555; font-size: 13px; margin: 0 0 12px; max-width: 900px; }
            .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
            svg.chart { width: 100%%; height: auto; border: 1px solid #eceef1; border-radius: 4px; }
            table { border-collapse: collapse; }
            table.confusion th, table.confusion td { padding: 0; text-align: center; font-size: 13px;
                      font-variant-numeric: tabular-nums; }
            table.confusion td { width: 58px; height: 32px; border: 1px solid #fff; }
            table.confusion th { padding: 4px 6px; color: #333; }
            table.confusion th.row { text-align: right; }
            table.confusion td.metric { background: #f6f7f9; color: #333; }
            table.confusion .axis { font-weight: normal; color: #666; }
            .tiles { display: flex; flex-wrap: wrap; gap: 10px; }
            figure { margin: 0; font-size: 12px; text-align: center; color: #333; }
            figure img { display: block; width: %1$dpx; height: %1$dpx; image-rendering: pixelated;
                         border: 1px solid #c9ccd1; margin-bottom: 3px; }
            figure.mistake figcaption b { color: #b00020; }
            .colourbar { display: inline-block; width: 220px; height: 12px; vertical-align: middle;
                         border: 1px solid #c9ccd1; margin: 0 6px;
                         background: linear-gradient(to right, %2$s); }
            table.summary td { padding: 3px 18px 3px 0; border-bottom: 1px solid #eef0f2; font-size: 14px; }
            table.summary td:first-child { color: #555; }
            pre { background: #f6f7f9; border: 1px solid #e3e5e8; border-radius: 4px; padding: 10px 12px;
                  overflow: auto; font-size: 13px; }
            footer { color: #666; font-size: 12px; }
            """;

    private ReportPage() {
    }

    public static String render(Report r) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>descent report: ").append(Html.escape(r.runName())).append("</title>\n<style>\n")
                .append(STYLE.formatted(28 * IMAGE_ZOOM, colourStops())).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header>\n<h1>descent run <code>").append(Html.escape(r.runName())).append("</code></h1>\n")
                .append("<p class=\"lead\">").append(Html.escape(r.headline())).append("</p>\n")
                .append("<nav><a href=\"#curves\">Curves</a>")
                .append(r.confusion() != null ? "<a href=\"#confusion\">Confusion matrix</a>"
                        : "<a href=\"#predictions\">Predictions</a>")
                .append("<a href=\"#weights\">Weights</a><a href=\"#mistakes\">Mistakes</a>")
                .append("<a href=\"#summary\">Summary</a><a href=\"#config\">Config</a></nav>\n</header>\n");
        curves(h, r);
        if (r.confusion() != null) confusion(h, r);
        else predictions(h, r);
        weights(h, r);
        mistakes(h, r);
        summary(h, r);
        h.append("<section id=\"config\">\n<h2>Config</h2>\n")
                .append("<p class=\"note\">The resolved config.yaml of this run; <code>descent train</code> replays it "
                        + "as is.</p>\n")
                .append("<pre>").append(Html.escape(r.configYaml())).append("</pre>\n</section>\n");
        h.append("<footer>Written by descent from this folder's config.yaml, metrics.csv, summary.json and ")
                .append("model.safetensors and the test set; <code>descent report RUN_DIR</code> writes it again. ")
                .append("The page needs no network access.</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void curves(StringBuilder h, Report r) {
        h.append("<section id=\"curves\">\n<h2>Training curves</h2>\n<p class=\"note\">One point per epoch. ")
                .append("Train cost is the mean over the epoch's mini-batches while the weights moved; test cost and ")
                .append("accuracy are measured after the epoch.</p>\n<div class=\"charts\">\n");
        for (LineChart chart : TrainingCharts.of(r.epochs())) {
            SvgCanvas canvas = new SvgCanvas(CHART_WIDTH, CHART_HEIGHT);
            chart.draw(canvas, 0, 0, CHART_WIDTH, CHART_HEIGHT);
            h.append(canvas.toSvg("chart", chart.title() + " per epoch")).append('\n');
        }
        h.append("</div>\n</section>\n");
    }

    private static void predictions(StringBuilder h, Report r) {
        h.append("<section id=\"predictions\">\n<h2>Predictions (test set)</h2>\n<p class=\"note\">")
                .append("For each target, in its own units: the predicted value against the actual one (on the dashed ")
                .append("diagonal when right), and the residual, predicted minus actual.</p>\n")
                .append("<div class=\"charts\">\n");
        for (RegressionCharts c : r.regression()) {
            SvgCanvas predicted = new SvgCanvas(CHART_WIDTH, CHART_HEIGHT);
            c.drawPredicted(predicted, CHART_WIDTH, CHART_HEIGHT);
            h.append(predicted.toSvg("chart", "predicted against actual " + c.target())).append('\n');
            SvgCanvas residuals = new SvgCanvas(CHART_WIDTH, CHART_HEIGHT);
            c.drawResiduals(residuals, CHART_WIDTH, CHART_HEIGHT);
            h.append(residuals.toSvg("chart", "residuals of " + c.target())).append('\n');
        }
        h.append("</div>\n</section>\n");
    }

    private static void confusion(StringBuilder h, Report r) {
        ConfusionMatrix m = r.confusion();
        List<String> names = r.classNames();
        int n = m.classes();
        h.append("<section id=\"confusion\">\n<h2>Confusion matrix (test set)</h2>\n<p class=\"note\">")
                .append(String.format(Locale.ROOT, "%,d of %,d test images right (%.2f%%). ", m.correct(), m.total(),
                        100 * m.accuracy()))
                .append("Row: the true class; column: the predicted class. Green: right, red: wrong, shaded by the ")
                .append("share of the row. Recall: of the images of a class, the share found; precision: of the ")
                .append("images predicted as a class, the share right.</p>\n");
        h.append("<table class=\"confusion\" id=\"confusion-matrix\">\n<tr><th class=\"axis\">true \\ predicted</th>");
        for (int p = 0; p < n; p++) h.append("<th scope=\"col\">").append(Html.escape(names.get(p))).append("</th>");
        h.append("<th scope=\"col\">recall</th></tr>\n");
        for (int a = 0; a < n; a++) {
            h.append("<tr><th scope=\"row\" class=\"row\">").append(Html.escape(names.get(a))).append("</th>");
            int row = m.actual(a);
            for (int p = 0; p < n; p++) {
                int count = m.count(a, p);
                double share = row == 0 ? 0 : (double) count / row;
                // Errors are rare; amplify them so a 5% confusion stands out.
                int background = a == p ? DivergingColours.mix(0xffffff, 0x1a9850, share)
                        : DivergingColours.mix(0xffffff, 0xd62728, Math.min(1, 4 * share));
                boolean dark = a == p ? share > 0.55 : 4 * share > 0.55;
                h.append("<td class=\"cell\" style=\"background:").append(SvgCanvas.hex(background))
                        .append(dark ? ";color:#fff" : "").append("\" title=\"true ").append(Html.escape(names.get(a)))
                        .append(", predicted ").append(Html.escape(names.get(p))).append(": ").append(count)
                        .append("\">").append(count).append("</td>");
            }
            h.append("<td class=\"metric\">").append(ratio(m.recall(a))).append("</td></tr>\n");
        }
        h.append("<tr><th scope=\"row\" class=\"row\">precision</th>");
        for (int p = 0; p < n; p++) h.append("<td class=\"metric\">").append(ratio(m.precision(p))).append("</td>");
        h.append("<td></td></tr>\n</table>\n</section>\n");
    }

    private static void weights(StringBuilder h, Report r) {
        h.append("<section id=\"weights\">\n<h2>What each neuron of the ").append(r.weightsTitle())
                .append(" looks for</h2>\n<p class=\"note\">Each image is one neuron's incoming weights, one per ")
                .append("input pixel. Red: ink there raises the neuron's input; blue: ink there lowers it. Each ")
                .append("neuron has its own symmetric scale, from minus to plus its largest absolute weight (shown ")
                .append("below it).<br>negative<span class=\"colourbar\"></span>positive");
        if (r.neurons().size() < r.neuronCount()) {
            h.append("<br>Showing the first ").append(r.neurons().size()).append(" of ").append(r.neuronCount())
                    .append(" neurons.");
        }
        h.append("</p>\n<div class=\"tiles\">\n");
        for (Report.NeuronImage n : r.neurons()) {
            h.append("<figure class=\"neuron\"><img class=\"neuron\" alt=\"weights of neuron ").append(n.neuron() + 1)
                    .append("\" src=\"").append(Pngs.dataUri(n.image())).append("\"><figcaption>")
                    .append(n.neuron() + 1).append(" &middot; &plusmn;")
                            .append(String.format(Locale.ROOT, "%.2f", n.scale()))
                    .append("</figcaption></figure>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void mistakes(StringBuilder h, Report r) {
        List<String> names = r.classNames();
        h.append("<section id=\"mistakes\">\n<h2>The most confidently wrong test images</h2>\n<p class=\"note\">");
        if (r.mistakes().isEmpty()) {
            h.append("The network classified every test image right.</p>\n</section>\n");
            return;
        }
        h.append("The ").append(r.mistakes().size()).append(" wrong predictions with the highest confidence: the ")
                .append("predicted class's output activation (a probability when the cost has a softmax output). ")
                .append("Images as the network sees them, ink white on black; #n is the index in the test set.</p>\n")
                .append("<div class=\"tiles\">\n");
        for (Report.MistakeImage mi : r.mistakes()) {
            TestPredictions.Mistake m = mi.mistake();
            h.append("<figure class=\"mistake\"><img class=\"mistake\" alt=\"test image ").append(m.sample())
                    .append("\" src=\"").append(Pngs.dataUri(mi.image())).append("\"><figcaption>true ")
                    .append(Html.escape(names.get(m.actual()))).append(", <b>predicted ")
                    .append(Html.escape(names.get(m.predicted()))).append("</b><br>")
                    .append(String.format(Locale.ROOT, "%.3f", m.confidence())).append(" &middot; #").append(m.sample())
                    .append("</figcaption></figure>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void summary(StringBuilder h, Report r) {
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">The fields of summary.json.</p>\n")
                .append("<table class=\"summary\">\n");
        for (Map.Entry<String, String> e : r.summary().entrySet()) {
            h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>").append(Html.escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The diverging map as CSS gradient stops, for the colour bar. */
    private static String colourStops() {
        StringBuilder stops = new StringBuilder();
        for (int i = 0; i <= 10; i++) {
            if (i > 0) stops.append(", ");
            stops.append(SvgCanvas.hex(DivergingColours.rgb(-1 + i / 5.0)));
        }
        return stops.toString();
    }
}
