package dev.descent.report;

import java.util.Locale;

/** Records drawing calls as SVG elements; {@link #toSvg} wraps them in an {@code <svg>} element. */
public final class SvgCanvas implements Canvas {
    private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double strokeWidth) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(hex(rgb))
                .append("\" stroke-width=\"").append(n(strokeWidth)).append("\"/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, int rgb, double strokeWidth, boolean dashed) {
        body.append("<polyline fill=\"none\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append("\" stroke-linejoin=\"round\"")
                .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"");
        for (int i = 0; i < count; i++) {
            if (i > 0) body.append(' ');
            body.append(n(xs[i])).append(',').append(n(ys[i]));
        }
        body.append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double radius, int rgb) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"")
                .append(n(radius)).append("\" fill=\"").append(hex(rgb)).append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int fill, int stroke) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill >= 0 ? hex(fill) : "none")
                        .append('"');
        if (stroke >= 0) body.append(" stroke=\"").append(hex(stroke)).append('"');
        body.append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, double size, int rgb, boolean bold,
            boolean vertical) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(hex(rgb)).append('"');
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (bold) body.append(" font-weight=\"bold\"");
        if (vertical) body.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        body.append('>').append(Html.escape(text)).append("</text>\n");
    }

    /**
     * The drawing as an {@code <svg>} element with the given class and accessible title; it scales down
     * with its container and keeps its aspect ratio.
     */
    public String toSvg(String cssClass, String title) {
        return "<svg class=\"" + Html.escape(cssClass) + "\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" " + FONT
                + ">\n<title>" + Html.escape(title) + "</title>\n" + body + "</svg>";
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    /** Coordinates to a tenth of a pixel: precise enough, and keeps the page small. */
    private static String n(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }
}
