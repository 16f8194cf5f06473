package dev.descent.report;

import dev.descent.report.Canvas.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of one or more series against a shared x axis: title, legend, gridlines, nice ticks on
 * both axes and axis labels. Non-finite values (a diverged cost, a missing validation figure) break a
 * line instead of bending the axes.
 */
final class LineChart {
    /** One line: y[i] against x[i]; the two arrays have the same length. */
    public record Series(String name, int rgb, double[] x, double[] y, boolean dashed) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y values");
            }
        }
    }

    static final int TEXT = PlotFrame.TEXT;
    static final int TICK_TEXT = PlotFrame.TICK_TEXT;
    /** Above this many points, markers would merge into a thick line. */
    static final int MAX_MARKERS = 60;

    private static final double TITLE_SIZE = 15;
    private static final double LABEL_SIZE = PlotFrame.LABEL_SIZE;
    private static final double MARGIN_LEFT = 66;
    private static final double MARGIN_RIGHT = 20;
    private static final double MARGIN_TOP = 58;
    private static final double MARGIN_BOTTOM = 46;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean includeZero;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(String name, int rgb, double[] x, double[] y) {
        series.add(new Series(name, rgb, x, y, false));
        return this;
    }

    public LineChart addDashed(String name, int rgb, double[] x, double[] y) {
        series.add(new Series(name, rgb, x, y, true));
        return this;
    }

    /** Makes the y axis reach down (or up) to zero, for quantities best read against zero. */
    public LineChart includeZero() {
        includeZero = true;
        return this;
    }

    public String title() {
        return title;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** The x axis: whole-number steps when every x is a whole number. */
    public Axis xAxis() {
        double[] range = range(true);
        boolean integral = series.stream().allMatch(s -> {
            for (double v : s.x()) if (Double.isFinite(v) && v != Math.rint(v)) return false;
            return true;
        });
        return range == null ? Axis.covering(0, 1, 6, integral) : Axis.covering(range[0], range[1], 6, integral);
    }

    public Axis yAxis() {
        double[] range = range(false);
        if (range == null) return Axis.covering(0, 1, 6, false);
        double low = range[0];
        double high = range[1];
        if (includeZero) {
            low = Math.min(low, 0);
            high = Math.max(high, 0);
        }
        return Axis.covering(low, high, 6, false);
    }

    /** {min, max} over the points whose x and y are both finite, or null when there are none. */
    private double[] range(boolean ofX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                double v = ofX ? s.x()[i] : s.y()[i];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }

    /** Draws the chart into the box at (left, top) of the given size. */
    public void draw(Canvas canvas, double left, double top, double width, double height) {
        canvas.rect(left, top, width, height, 0xffffff, -1);
        canvas.text(left + MARGIN_LEFT, top + 22, title, Anchor.START, TITLE_SIZE, TEXT, true, false);
        drawLegend(canvas, left + MARGIN_LEFT, top + 42);

        PlotFrame frame = new PlotFrame(xAxis(), yAxis(), left + MARGIN_LEFT, top + MARGIN_TOP,
                left + width - MARGIN_RIGHT, top + height - MARGIN_BOTTOM);
        frame.draw(canvas, xLabel, top + height - 8, yLabel, left + 16);

        if (range(true) == null) {
            canvas.text((frame.left() + frame.right()) / 2, (frame.top() + frame.bottom()) / 2, "no data",
                    Anchor.MIDDLE, LABEL_SIZE, TICK_TEXT, false, false);
            return;
        }
        for (Series s : series) {
            drawSeries(canvas, s, frame);
        }
    }

    private void drawLegend(Canvas canvas, double x, double baseline) {
        for (Series s : series) {
            double mid = baseline - 4;
            if (s.dashed()) {
                canvas.polyline(new double[] {x, x + 20}, new double[] {mid, mid}, 2, s.rgb(), 2.5, true);
            } else {
                canvas.line(x, mid, x + 20, mid, s.rgb(), 2.5);
            }
            canvas.text(x + 26, baseline, s.name(), Anchor.START, LABEL_SIZE, TEXT, false, false);
            x += 26 + Canvas.textWidth(s.name(), LABEL_SIZE) + 18;
        }
    }

    private static void drawSeries(Canvas canvas, Series s, PlotFrame frame) {
        int n = s.x().length;
        double[] px = new double[n];
        double[] py = new double[n];
        int run = 0;
        boolean markers = n <= MAX_MARKERS;
        for (int i = 0; i <= n; i++) {
            boolean finite = i < n && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
            if (finite) {
                px[run] = frame.px(s.x()[i]);
                py[run] = frame.py(s.y()[i]);
                run++;
            } else if (run > 0) {   // a gap or the end: draw the run so far
                canvas.polyline(px, py, run, s.rgb(), 2, s.dashed());
                if (markers) for (int j = 0; j < run; j++) canvas.circle(px[j], py[j], 2.5, s.rgb());
                run = 0;
            }
        }
    }
}
