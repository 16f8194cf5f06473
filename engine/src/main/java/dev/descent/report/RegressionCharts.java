package dev.descent.report;

import dev.descent.report.Canvas.Anchor;

/**
 * What a regression's report shows instead of a confusion matrix, per target: the test set's predicted
 * values against the actual ones (a perfect model puts every point on the dashed diagonal) and the
 * residuals (predicted minus actual) against the actual values, both in the target's own units. At
 * most {@link #MAX_POINTS} points are drawn, evenly spaced through the test set, so that a large test
 * set keeps the page light.
 *
 * @param target    the target's name (its CSV column)
 * @param actual    the test set's values of the target
 * @param predicted the model's predictions, mapped back to the target's units
 */
record RegressionCharts(String target, float[] actual, float[] predicted) {
    static final int MAX_POINTS = 2000;
    private static final double MARGIN_LEFT = 66;
    private static final double MARGIN_RIGHT = 20;
    private static final double MARGIN_TOP = 40;
    private static final double MARGIN_BOTTOM = 46;
    private static final int POINT = 0x1f77b4;
    private static final int IDEAL = 0x999999;

    RegressionCharts {
        if (actual.length != predicted.length) throw new IllegalArgumentException("one prediction per value");
    }

    /** Predicted against actual, with the diagonal y = x. */
    void drawPredicted(Canvas canvas, double width, double height) {
        double[] range = range(actual, predicted);
        Axis axis = Axis.covering(range[0], range[1], 6, false);
        PlotFrame frame = frame(canvas, "predicted against actual: " + target, axis, axis, width, height);
        frame.draw(canvas, "actual " + target, height - 8, "predicted", 16);
        canvas.polyline(new double[] {frame.px(axis.min()), frame.px(axis.max())},
                new double[] {frame.py(axis.min()), frame.py(axis.max())}, 2, IDEAL, 1.5, true);
        points(canvas, frame, false);
    }

    /** Residuals (predicted - actual) against actual, with the zero line. */
    void drawResiduals(Canvas canvas, double width, double height) {
        float[] residuals = new float[actual.length];
        for (int i = 0; i < residuals.length; i++) residuals[i] = predicted[i] - actual[i];
        double[] x = range(actual, actual);
        double[] r = range(residuals, residuals);
        double bound = Math.max(Math.abs(r[0]), Math.abs(r[1]));
        Axis xAxis = Axis.covering(x[0], x[1], 6, false);
        Axis yAxis = Axis.covering(-bound, bound, 5, false);
        PlotFrame frame = frame(canvas, "residuals: " + target, xAxis, yAxis, width, height);
        frame.draw(canvas, "actual " + target, height - 8, "predicted - actual", 16);
        canvas.line(frame.left(), frame.py(0), frame.right(), frame.py(0), IDEAL, 1.5);
        points(canvas, frame, true);
    }

    private static PlotFrame frame(Canvas canvas, String title, Axis x, Axis y, double width, double height) {
        canvas.rect(0, 0, width, height, 0xffffff, -1);
        canvas.text(MARGIN_LEFT, 22, title, Anchor.START, 15, PlotFrame.TEXT, true, false);
        return new PlotFrame(x, y, MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM);
    }

    private void points(Canvas canvas, PlotFrame frame, boolean residual) {
        int n = actual.length;
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < n; i += step) {
            double y = residual ? predicted[i] - actual[i] : predicted[i];
            canvas.circle(frame.px(actual[i]), frame.py(y), 2, POINT);
        }
    }

    /** The smallest and largest finite value of both arrays; [0, 1] when there is none. */
    private static double[] range(float[] a, float[] b) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] values : new float[][] {a, b}) {
            for (float v : values) {
                if (!Float.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {0, 1};
    }
}
