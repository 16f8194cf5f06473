package dev.descent.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG encoding with the JDK's ImageIO, and small images built pixel by pixel. */
final class Pngs {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Pngs() {
    }

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) throw new IllegalStateException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** The image as a {@code data:image/png;base64,...} URI, for an {@code <img src>} that needs no file. */
    public static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(encode(image));
    }

    /**
     * One neuron's incoming weights {@code weights[offset .. offset + rows*cols)} as a rows x cols image
     * in the diverging map, scaled by {@code scale} (the value drawn at full colour; positive).
     */
    public static BufferedImage weights(float[] weights, int offset, int rows, int cols, double scale) {
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                image.setRGB(c, r, DivergingColours.rgb(weights[offset + r * cols + c] / scale));
            }
        }
        return image;
    }

    /** An image of the data set as it is stored: unsigned grey bytes, 0 black, 255 white. */
    public static BufferedImage grey(byte[] pixels, int offset, int rows, int cols) {
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = pixels[offset + r * cols + c] & 0xff;
                image.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }
}
