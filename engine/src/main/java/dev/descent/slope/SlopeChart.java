package dev.descent.slope;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The slope view as a picture: the cost curve C(w), a short tangent at every sampled point (its slope is
 * the analytic dC/dw there), and the descent path, its points joined in the order visited. One drawing
 * routine feeds two back ends, an SVG string and a java.awt image, so the HTML and PNG agree.
 */
public final class SlopeChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 480;
    private static final int LEFT = 84;
    private static final int RIGHT = 24;
    private static final int TOP = 64;
    private static final int BOTTOM = 56;
    private static final double TANGENT_HALF_LENGTH = 22;

    private static final Color AXIS = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    private static final Color CURVE = new Color(0x1f, 0x5f, 0xa8);
    private static final Color TANGENT = new Color(0xe0, 0x8a, 0x00);
    private static final Color PATH = new Color(0xc0, 0x39, 0x2b);

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<SlopeProbe.Point> curve;
    private final SlopeProbe.Path path;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

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
        x0 = xs[0];
        x1 = xs[1];
        y0 = ys[0];
        y1 = ys[1];
    }

    /** {min, max} of the finite values, widened by {@code pad} of the range on each side; never empty. */
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
        return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    }

    double py(double y) {
        return HEIGHT - BOTTOM - (y - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    }

    /** The chart as a standalone SVG element. */
    public String svg() {
        SvgCanvas canvas = new SvgCanvas();
        draw(canvas);
        return canvas.finish();
    }

    /** The chart as an RGB image of {@link #WIDTH} x {@link #HEIGHT} pixels (headless java.awt). */
    public BufferedImage image() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(new Java2dCanvas(g));
        } finally {
            g.dispose();
        }
        return image;
    }

    private void draw(Canvas c) {
        double left = LEFT;
        double right = WIDTH - RIGHT;
        double top = TOP;
        double bottom = HEIGHT - BOTTOM;
        double xStep = tickStep(x1 - x0);
        for (double t = Math.ceil(x0 / xStep) * xStep; t <= x1; t += xStep) {
            c.line(px(t), top, px(t), bottom, GRID, 1);
            c.line(px(t), bottom, px(t), bottom + 5, AXIS, 1);
            c.text(px(t), bottom + 19, label(t, xStep), 12, Anchor.MIDDLE, AXIS, false);
        }
        double yStep = tickStep(y1 - y0);
        for (double t = Math.ceil(y0 / yStep) * yStep; t <= y1; t += yStep) {
            c.line(left, py(t), right, py(t), GRID, 1);
            c.line(left - 5, py(t), left, py(t), AXIS, 1);
            c.text(left - 8, py(t) + 4, label(t, yStep), 12, Anchor.END, AXIS, false);
        }
        c.line(left, bottom, right, bottom, AXIS, 1);
        c.line(left, top, left, bottom, AXIS, 1);
        c.text(WIDTH / 2.0, 26, title, 15, Anchor.MIDDLE, AXIS, false);
        c.text((left + right) / 2, HEIGHT - 14, xLabel, 13, Anchor.MIDDLE, AXIS, false);
        c.text(20, (top + bottom) / 2, yLabel, 13, Anchor.MIDDLE, AXIS, true);

        double pixelsPerX = (WIDTH - LEFT - RIGHT) / (x1 - x0);
        double pixelsPerY = (HEIGHT - TOP - BOTTOM) / (y1 - y0);
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
        c.polyline(curve.stream().mapToDouble(p -> px(p.value())).toArray(),
                curve.stream().mapToDouble(p -> py(p.cost())).toArray(), CURVE, 2);
        for (SlopeProbe.Point p : curve) c.circle(px(p.value()), py(p.cost()), 2.5, CURVE);

        List<SlopeProbe.Point> visited = path.points().stream()
                .filter(p -> Double.isFinite(p.cost()) && Double.isFinite(p.value())).toList();
        if (!visited.isEmpty()) {
            c.polyline(visited.stream().mapToDouble(p -> px(p.value())).toArray(),
                    visited.stream().mapToDouble(p -> py(p.cost())).toArray(), PATH, 1.2);
            double r = visited.size() > 50 ? 2.5 : 3.5;
            for (SlopeProbe.Point p : visited) c.circle(px(p.value()), py(p.cost()), r, PATH);
            SlopeProbe.Point start = visited.getFirst();
            SlopeProbe.Point end = visited.getLast();
            c.text(px(start.value()), py(start.cost()) - 10, "start", 12, Anchor.MIDDLE, PATH, false);
            if (visited.size() > 1) {
                double below = py(end.cost()) + 20;
                c.text(px(end.value()), below < bottom - 4 ? below : py(end.cost()) - 10, "end", 12, Anchor.MIDDLE, PATH, false);
            }
        }

        // The legend: one row between the title and the plot.
        double lx = left;
        double ly = TOP - 18;
        c.line(lx, ly, lx + 24, ly, CURVE, 2);
        c.text(lx + 30, ly + 4, "cost C(w)", 12, Anchor.START, AXIS, false);
        lx += 130;
        c.line(lx, ly, lx + 24, ly, TANGENT, 2);
        c.text(lx + 30, ly + 4, "tangent: slope dC/dw by back-propagation", 12, Anchor.START, AXIS, false);
        lx += 300;
        c.line(lx, ly, lx + 24, ly, PATH, 1.2);
        c.circle(lx + 12, ly, 3.5, PATH);
        c.text(lx + 30, ly + 4, "gradient descent: w <- w - eta dC/dw", 12, Anchor.START, AXIS, false);
    }

    /** A round step (1, 2 or 5 times a power of ten) giving about five ticks over {@code range}. */
    static double tickStep(double range) {
        double raw = range / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
    }

    private static String label(double value, double step) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        if (Math.abs(value) < step * 1e-6) value = 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private enum Anchor { START, MIDDLE, END }

    /** What the drawing routine needs; coordinates in pixels, y downwards. */
    private interface Canvas {
        void line(double xa, double ya, double xb, double yb, Color color, double width);

        void polyline(double[] xs, double[] ys, Color color, double width);

        void circle(double x, double y, double r, Color fill);

        void text(double x, double y, String text, int size, Anchor anchor, Color color, boolean vertical);
    }

    private static final class SvgCanvas implements Canvas {
        private final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));

        @Override
        public void line(double xa, double ya, double xb, double yb, Color color, double width) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
                    xa, ya, xb, yb, hex(color), width));
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color color, double width) {
            svg.append("<polyline fill=\"none\" stroke=\"").append(hex(color)).append("\" stroke-width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", width)).append("\" stroke-linejoin=\"round\" points=\"");
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(ys[i])) continue;
                svg.append(String.format(Locale.ROOT, "%.2f,%.2f ", xs[i], ys[i]));
            }
            svg.append("\"/>\n");
        }

        @Override
        public void circle(double x, double y, double r, Color fill) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"%s\"/>\n",
                    x, y, r, hex(fill)));
        }

        @Override
        public void text(double x, double y, String text, int size, Anchor anchor, Color color, boolean vertical) {
            String rotate = vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "";
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%d\" fill=\"%s\""
                            + " text-anchor=\"%s\"%s>%s</text>\n", x, y, size, hex(color),
                    anchor.name().toLowerCase(Locale.ROOT), rotate, escape(text)));
        }

        String finish() {
            return svg.append("</svg>\n").toString();
        }

        private static String hex(Color c) {
            return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }
    }

    private static final class Java2dCanvas implements Canvas {
        private final Graphics2D g;

        Java2dCanvas(Graphics2D g) {
            this.g = g;
        }

        @Override
        public void line(double xa, double ya, double xb, double yb, Color color, double width) {
            g.setColor(color);
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(xa, ya, xb, yb));
        }

        @Override
        public void polyline(double[] xs, double[] ys, Color color, double width) {
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(ys[i])) continue;
                if (started) {
                    line.lineTo(xs[i], ys[i]);
                } else {
                    line.moveTo(xs[i], ys[i]);
                    started = true;
                }
            }
            g.setColor(color);
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(line);
        }

        @Override
        public void circle(double x, double y, double r, Color fill) {
            g.setColor(fill);
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        @Override
        public void text(double x, double y, String text, int size, Anchor anchor, Color color, boolean vertical) {
            g.setColor(color);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            double width = g.getFontMetrics().stringWidth(text);
            double shift = switch (anchor) {
                case START -> 0;
                case MIDDLE -> -width / 2;
                case END -> -width;
            };
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            if (vertical) g.rotate(-Math.PI / 2);
            g.drawString(text, (float) shift, 0f);
            g.setTransform(saved);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
