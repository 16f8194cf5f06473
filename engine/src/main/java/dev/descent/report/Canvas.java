package dev.descent.report;

/**
 * A drawing surface in pixels, origin at the top left, y growing downwards. Colours are
 * {@code 0xRRGGBB}. Text sizes are pixel heights; widths of text are estimated with
 * {@link #textWidth}, the same on every surface, so layouts agree between SVG and PNG.
 */
public interface Canvas {
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    /** A stroked open path through the points; {@code dashed} draws it dashed. */
    void polyline(double[] xs, double[] ys, int count, int rgb, double width, boolean dashed);

    void circle(double cx, double cy, double radius, int rgb);

    /** A rectangle filled with {@code fill} and outlined with {@code stroke}; a negative colour means none. */
    void rect(double x, double y, double width, double height, int fill, int stroke);

    /**
     * Text whose baseline starts, centres or ends (by {@code anchor}) at (x, y); {@code vertical}
     * turns it 90 degrees anticlockwise about that point, for a y-axis label.
     */
    void text(double x, double y, String text, Anchor anchor, double size, int rgb, boolean bold, boolean vertical);

    /** An estimate of the width of {@code text} at {@code size} in a sans-serif font. */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.56;
    }
}
