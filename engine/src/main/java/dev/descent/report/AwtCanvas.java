package dev.descent.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws on a {@link BufferedImage} with java.awt, headless: no display is needed or touched. */
public final class AwtCanvas implements Canvas {
    static {
        // Before any AWT class asks for a display; a server or CI machine has none.
        System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage image;
    private final Graphics2D g;

    /** A white image of the given size. */
    public AwtCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, int rgb, double width, boolean dashed) {
        if (count == 0) return;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < count; i++) path.lineTo(xs[i], ys[i]);
        g.setColor(new Color(rgb));
        g.setStroke(dashed
                ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f)
                : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void circle(double cx, double cy, double radius, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void rect(double x, double y, double width, double height, int fill, int stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, width, height);
        if (fill >= 0) {
            g.setColor(new Color(fill));
            g.fill(r);
        }
        if (stroke >= 0) {
            g.setColor(new Color(stroke));
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, double size, int rgb, boolean bold,
            boolean vertical) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
        g.setColor(new Color(rgb));
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) g.rotate(-Math.PI / 2);
        g.drawString(text, (float) shift, 0f);
        g.setTransform(saved);
    }

    /** Draws an image with its top left corner at (x, y), scaled to width x height without smoothing. */
    public void image(BufferedImage source, int x, int y, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(source, x, y, width, height, null);
    }

    /** The drawing; the canvas must not be used afterwards. */
    public BufferedImage finish() {
        g.dispose();
        return image;
    }
}
