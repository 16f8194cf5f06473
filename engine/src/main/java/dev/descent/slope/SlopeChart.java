package dev.descent.slope;

import dev.descent.report.AwtCanvas;
import dev.descent.report.Axis;
import dev.descent.report.Canvas;
import dev.descent.report.Canvas.Anchor;
import dev.descent.report.PlotFrame;
import dev.descent.report.SvgCanvas;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The slope view as a picture: the cost curve C(w), a short tangent at every sampled point (its slope is
 * the analytic dC/dw there), and the descent path, its points joined in the order visited. It draws on
 * the run report's {@link Canvas} in a {@link PlotFrame}, so the SVG and the PNG agree with each other and
 * with the report's charts.
 */
final class SlopeChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 480;
    private static final int LEFT = 84;
    private static final int RIGHT = 24;
    private static final int TOP = 64;
    private static final int BOTTOM = 56;
    private static final double TANGENT_HALF_LENGTH = 22;
    private static final int TICKS = 6;

    private static final int CURVE = 0x1f5fa8;
    private static final int TANGENT = 0xe08a00;
    private static final int PATH = 0xc0392b;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<SlopeProbe.Point> curve;
    private final SlopeProbe.Path path;
    private final PlotFrame frame;

    public SlopeChart(String title, String xLabel, String yLabel, List<SlopeProbe.Point> curve, SlopeProbe.Path path) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.curve = List.copyOf(curve);
        this.path = path;
        List<SlopeProbe.Point> all = new ArrayList<>(curve);
        all.addAll(path.points());
        double[] xs = span(all.stream().mapToDouble(SlopeProbe.Point::value).toArray(), 0.02);
        double[] ys = span(all.stream().mapToDouble(SlopeProbe.Point::cost).toArray(), 0.06);
        frame = new PlotFrame(Axis.within(xs[0], xs[1], TICKS), Axis.within(ys[0], ys[1], TICKS),
                LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM);
    }

    /**
     * {min, max} of the finite values, widened by {@code pad} of the range on each side (so points at
     * the ends do not sit on the axis lines); never empty.
     */
    private static double[] span(double[] values, double pad) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1};
        double width = hi - lo;
        if (width <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9) width = Math.max(Math.abs(hi), 1) * 1e-3;
        return new double[] {lo - pad * width, hi + pad * width};
    }

    double px(double x) {
        return frame.px(x);
    }

    double py(double y) {
        return frame.py(y);
    }

    /** The chart as an {@code <svg>} element. */
    public String svg() {
        SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
        draw(canvas);
        return canvas.toSvg("slope", title) + "\n";
    }

    /** The chart as an RGB image of {@link #WIDTH} x {@link #HEIGHT} pixels (headless java.awt). */
    public BufferedImage image() {
        AwtCanvas canvas = new AwtCanvas(WIDTH, HEIGHT);
        draw(canvas);
        return canvas.finish();
    }

    private void draw(Canvas c) {
        double left = frame.left();
        double right = frame.right();
        double bottom = frame.bottom();
        c.rect(0, 0, WIDTH, HEIGHT, 0xffffff, -1);
        frame.draw(c, xLabel, HEIGHT - 14, yLabel, 20);
        c.text(WIDTH / 2.0, 26, title, Anchor.MIDDLE, 15, PlotFrame.TEXT, false, false);

        double pixelsPerX = (right - left) / (frame.x().max() - frame.x().min());
        double pixelsPerY = (bottom - frame.top()) / (frame.y().max() - frame.y().min());
        for (SlopeProbe.Point p : curve) {
            if (!Double.isFinite(p.cost()) || !Double.isFinite(p.slope())) continue;
            double dy = -p.slope() * pixelsPerY / pixelsPerX;   // screen y grows downwards
            double half = TANGENT_HALF_LENGTH / Math.hypot(1, dy);
            double x = px(p.value());
            double y = py(p.cost());
            double from = Math.max(-half, left - x);   // kept within the plot's width
            double to = Math.min(half, right - x);
            c.line(x + from, y + dy * from, x + to, y + dy * to, TANGENT, 2);
        }
        // The curve over its tangents: where it bends away from them, the tangents show.
        List<SlopeProbe.Point> sampled = curve.stream().filter(p -> Double.isFinite(p.cost())).toList();
        polyline(c, sampled, CURVE, 2);
        for (SlopeProbe.Point p : sampled) c.circle(px(p.value()), py(p.cost()), 2.5, CURVE);

        List<SlopeProbe.Point> visited = path.points().stream()
                .filter(p -> Double.isFinite(p.cost()) && Double.isFinite(p.value())).toList();
        if (!visited.isEmpty()) {
            polyline(c, visited, PATH, 1.2);
            double r = visited.size() > 50 ? 2.5 : 3.5;
            for (SlopeProbe.Point p : visited) c.circle(px(p.value()), py(p.cost()), r, PATH);
            SlopeProbe.Point start = visited.getFirst();
            SlopeProbe.Point end = visited.getLast();
            c.text(px(start.value()), py(start.cost()) - 10, "start", Anchor.MIDDLE, 12, PATH, false, false);
            if (visited.size() > 1) {
                double below = py(end.cost()) + 20;
                c.text(px(end.value()), below < bottom - 4 ? below : py(end.cost()) - 10, "end", Anchor.MIDDLE, 12,
                        PATH, false, false);
            }
        }

        // The legend: one row between the title and the plot.
        double lx = left;
        double ly = TOP - 18;
        c.line(lx, ly, lx + 24, ly, CURVE, 2);
        c.text(lx + 30, ly + 4, "cost C(w)", Anchor.START, 12, PlotFrame.TEXT, false, false);
        lx += 130;
        c.line(lx, ly, lx + 24, ly, TANGENT, 2);
        c.text(lx + 30, ly + 4, "tangent: slope dC/dw by back-propagation", Anchor.START, 12, PlotFrame.TEXT, false,
                false);
        lx += 300;
        c.line(lx, ly, lx + 24, ly, PATH, 1.2);
        c.circle(lx + 12, ly, 3.5, PATH);
        c.text(lx + 30, ly + 4, "gradient descent: w <- w - eta dC/dw", Anchor.START, 12, PlotFrame.TEXT, false, false);
    }

    private void polyline(Canvas c, List<SlopeProbe.Point> points, int rgb, double width) {
        double[] xs = points.stream().mapToDouble(p -> px(p.value())).toArray();
        double[] ys = points.stream().mapToDouble(p -> py(p.cost())).toArray();
        c.polyline(xs, ys, xs.length, rgb, width, false);
    }
}
