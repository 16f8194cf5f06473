package dev.descent.report;

import dev.descent.report.Canvas.Anchor;

/**
 * The frame every chart of descent draws its data in: the plot box from (left, top) to (right,
 * bottom) in pixels, an x and a y {@link Axis} mapped onto it, and the gridlines, tick labels, axis
 * lines and axis labels around it. The line charts of the run report and the slope chart share it, so
 * they read alike.
 */
public record PlotFrame(Axis x, Axis y, double left, double top, double right, double bottom) {
    public static final int AXIS = 0x333333;
    public static final int GRID = 0xe6e6e6;
    public static final int TEXT = 0x222222;
    public static final int TICK_TEXT = 0x555555;
    public static final double LABEL_SIZE = 12;
    public static final double TICK_SIZE = 11;

    /** The horizontal pixel of data value {@code value} on the x axis. */
    public double px(double value) {
        return left + x.fraction(value) * (right - left);
    }

    /** The vertical pixel of data value {@code value} on the y axis (y grows downwards on the canvas). */
    public double py(double value) {
        return bottom - y.fraction(value) * (bottom - top);
    }

    /**
     * Gridlines and labelled ticks of both axes, the two axis lines, then the axis labels: the x label
     * centred under the plot on baseline {@code xLabelBaseline}, the y label turned upright and centred
     * beside it at {@code yLabelX}.
     */
    public void draw(Canvas canvas, String xLabel, double xLabelBaseline, String yLabel, double yLabelX) {
        for (double t : y.ticks()) {
            double py = py(t);
            canvas.line(left, py, right, py, GRID, 1);
            canvas.text(left - 6, py + 4, y.label(t), Anchor.END, TICK_SIZE, TICK_TEXT, false, false);
        }
        for (double t : x.ticks()) {
            double px = px(t);
            canvas.line(px, top, px, bottom, GRID, 1);
            canvas.line(px, bottom, px, bottom + 4, AXIS, 1);
            canvas.text(px, bottom + 17, x.label(t), Anchor.MIDDLE, TICK_SIZE, TICK_TEXT, false, false);
        }
        canvas.line(left, bottom, right, bottom, AXIS, 1);
        canvas.line(left, top, left, bottom, AXIS, 1);
        canvas.text((left + right) / 2, xLabelBaseline, xLabel, Anchor.MIDDLE, LABEL_SIZE, TEXT, false, false);
        canvas.text(yLabelX, (top + bottom) / 2, yLabel, Anchor.MIDDLE, LABEL_SIZE, TEXT, false, true);
    }
}
