package dev.descent.slope;

import dev.descent.io.AtomicFiles;
import dev.descent.report.Html;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The results of a slope run as files and tables: {@code slope.csv} (the sampled curve: w, cost,
 * slope), {@code descent.csv} (the path: step, w, cost, slope), {@code slope.html} (a self-contained page
 * with the chart as inline SVG) and {@code slope.png} (the same chart). Every file is written atomically.
 */
public final class SlopeReport {
    public static final String CURVE = "slope.csv";
    public static final String DESCENT = "descent.csv";
    public static final String HTML = "slope.html";
    public static final String PNG = "slope.png";

    private final ParameterRef parameter;
    private final String context;
    private final double rate;
    private final double tolerance;
    private final List<SlopeProbe.Point> curve;
    private final SlopeProbe.Path path;

    /**
     * {@code context} says in words where the numbers come from (network, cost, samples); {@code rate}
     * and {@code tolerance} are those the descent used.
     */
    public SlopeReport(ParameterRef parameter, String context, double rate, double tolerance,
                       List<SlopeProbe.Point> curve, SlopeProbe.Path path) {
        this.parameter = parameter;
        this.context = context;
        this.rate = rate;
        this.tolerance = tolerance;
        this.curve = List.copyOf(curve);
        this.path = path;
    }

    public String curveCsv() {
        StringBuilder csv = new StringBuilder("w,cost,slope\n");
        for (SlopeProbe.Point p : curve) csv.append(row(p)).append('\n');
        return csv.toString();
    }

    public String descentCsv() {
        StringBuilder csv = new StringBuilder("step,w,cost,slope\n");
        for (int i = 0; i < path.points().size(); i++) {
            csv.append(i).append(',').append(row(path.points().get(i))).append('\n');
        }
        return csv.toString();
    }

    private static String row(SlopeProbe.Point p) {
        // 9 significant digits round-trip a float32 w; cost and slope are doubles from float sums.
        return String.format(Locale.ROOT, "%.9g,%.10g,%.10g", p.value(), p.cost(), p.slope());
    }

    /** The sampled curve as an aligned text table. */
    public String curveTable() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%14s %14s %14s%n", "w", "cost", "slope"));
        for (SlopeProbe.Point p : curve) {
            t.append(String.format(Locale.ROOT, "%14.6g %14.8g %14.6g%n", p.value(), p.cost(), p.slope()));
        }
        return t.toString();
    }

    /** The descent path as an aligned text table; beyond {@code maxRows} rows, its head and tail. */
    public String descentTable(int maxRows) {
        List<SlopeProbe.Point> points = path.points();
        StringBuilder t =
                new StringBuilder(String.format(Locale.ROOT, "%6s %14s %14s %14s%n", "step", "w", "cost", "slope"));
        int head = points.size() <= maxRows ? points.size() : maxRows * 2 / 3;
        int tail = points.size() <= maxRows ? 0 : maxRows - head;
        for (int i = 0; i < head; i++) t.append(descentRow(i, points.get(i)));
        if (tail > 0) {
            t.append(String.format(Locale.ROOT, "%6s %d more steps in %s%n", "...", points.size() - head - tail,
                    DESCENT));
            for (int i = points.size() - tail; i < points.size(); i++) t.append(descentRow(i, points.get(i)));
        }
        return t.toString();
    }

    private static String descentRow(int step, SlopeProbe.Point p) {
        return String.format(Locale.ROOT, "%6d %14.8g %14.8g %14.6g%n", step, p.value(), p.cost(), p.slope());
    }

    /** One sentence on how the descent ended. */
    public String outcome() {
        SlopeProbe.Point first = path.first();
        SlopeProbe.Point last = path.last();
        int steps = path.points().size() - 1;
        String why = switch (path.stop()) {
            case CONVERGED ->
                    String.format(Locale.ROOT, "converged: |slope| %.3g < tolerance %.3g", Math.abs(last.slope()),
                    tolerance);
            case MAX_ITERATIONS ->
                    String.format(Locale.ROOT, "stopped after the maximum of %d steps with |slope| %.3g still"
                    + " above tolerance %.3g", steps, Math.abs(last.slope()), tolerance);
            case STALLED -> String.format(Locale.ROOT,
                    "stalled: the step eta * slope = %.3g no longer changes a float32 w of %.9g",
                    rate * last.slope(), last.value());
            case DIVERGED -> "diverged: the cost or slope is no longer a finite number (try a smaller --rate)";
        };
        return String.format(Locale.ROOT,
                "%d steps with eta %.4g from w = %.6g (cost %.8g) to w = %.6g (cost %.8g); %s",
                steps, rate, first.value(), first.cost(), last.value(), last.cost(), why);
    }

    public SlopeChart chart() {
        return new SlopeChart(parameter + ": cost and slope with every other parameter fixed",
                "w = " + parameter + " (" + parameter.describe() + ")", "cost C(w)", curve, path);
    }

    public String html() {
        String title = Html.escape(parameter + ": one parameter, one slope");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}"
                + "table{border-collapse:collapse;font-size:90%}td,th{padding:.1em .8em;text-align:right}"
                + "svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n<h1>" + title + "</h1>\n<p>"
                + Html.escape(parameter.describe() + "; " + context + ". Blue: the cost at evenly spaced values"
                + " of w with every other weight and bias fixed; orange: the tangent whose slope is dC/dw from"
                + " back-propagation; red: gradient descent on w alone.") + "</p>\n"
                + chart().svg()
                + "<p>" + Html.escape(outcome()) + "</p>\n"
                + "<details><summary>The curve (" + CURVE + ")</summary>\n" + htmlTable(curveCsv()) + "</details>\n"
                + "<details><summary>The descent (" + DESCENT + ")</summary>\n" + htmlTable(descentCsv())
                        + "</details>\n"
                + "</body>\n</html>\n";
    }

    private static String htmlTable(String csv) {
        StringBuilder t = new StringBuilder("<table>\n");
        String[] lines = csv.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String cell = i == 0 ? "th" : "td";
            t.append("<tr>");
            for (String v : lines[i].split(",")) {
                t.append('<').append(cell).append('>').append(v).append("</").append(cell).append('>');
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** Writes the four files into {@code folder}, which must exist. */
    public void write(Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve(CURVE), curveCsv());
        AtomicFiles.writeString(folder.resolve(DESCENT), descentCsv());
        AtomicFiles.writeString(folder.resolve(HTML), html());
        var image = chart().image();
        AtomicFiles.write(folder.resolve(PNG), out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this Java runtime");
        });
    }
}
