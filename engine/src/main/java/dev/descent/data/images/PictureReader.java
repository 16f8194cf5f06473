package dev.descent.data.images;

import dev.descent.DescentException;
import dev.descent.image.ImageFiles;
import dev.descent.image.Resampler;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * Reads one picture file (PNG, JPEG, or another format ImageIO knows: GIF, BMP, TIFF) into the inputs
 * of an {@link ImageSize}. The width and height in the file's header are checked against {@link
 * ImageFiles#MAX_SIDE} and {@link ImageFiles#MAX_PIXELS} before any pixel is decoded, so a header that
 * claims a gigapixel costs nothing.
 *
 * <p>Values are 8-bit channel values in [0, 255]: the grey samples of a grey picture (16-bit ones
 * scaled to 8 bits), else the sRGB components. Transparent parts are composited over white. A grey
 * input of a colour picture is its Rec. 601 luma (0.299 R + 0.587 G + 0.114 B), or the common value
 * when R = G = B; RGB inputs of a grey picture repeat the grey. Each plane is then resized to exactly
 * the target width and height ({@link Resampler}; the aspect ratio is not kept) and multiplied by {@link
 * ImageSet#PIXEL_SCALE}. A picture already of
 * the target size is not resampled, so its input is exactly byte x {@code PIXEL_SCALE}.
 */
public final class PictureReader {
    private static final double RED = 0.299;
    private static final double GREEN = 0.587;
    private static final double BLUE = 0.114;

    private PictureReader() {
    }

    /** Reads {@code file} scaled to {@code size} into {@code dst[offset .. offset + size.inputs())}. */
    public static void read(Path file, ImageSize size, float[] dst, int offset) {
        if (!Files.isRegularFile(file)) {
            throw new DescentException(file + (Files.exists(file) ? " is not a regular file; expected a picture"
                    : " does not exist"));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new DescentException("cannot open picture " + file);
            read(in, file.toString(), Files.size(file), size, dst, offset);
        } catch (IOException e) {
            throw new DescentException("cannot read picture " + file + ": " + message(e), e);
        }
    }

    /**
     * Reads the picture file held in {@code bytes} (an upload; {@code name} names it in messages) exactly as
     * {@link #read(Path, ImageSize, float[], int)} reads the same bytes from a file.
     */
    public static void read(byte[] bytes, String name, ImageSize size, float[] dst, int offset) {
        try (ImageInputStream in = new BytesInputStream(bytes)) {
            read(in, name, bytes.length, size, dst, offset);
        } catch (IOException e) {
            throw new DescentException("cannot read picture " + name + ": " + message(e), e);
        }
    }

    private static void read(ImageInputStream in, String name, long length, ImageSize size, float[] dst, int offset)
            throws IOException {
        BufferedImage image = ImageFiles.decode(in, name, length);
        float[][] planes = planes(image, size.channels());
        int w = image.getWidth();
        int h = image.getHeight();
        int c = size.channels();
        for (int ch = 0; ch < c; ch++) {
            float[] plane = Resampler.resize(planes[ch], w, h, size.width(), size.height());
            for (int i = 0; i < plane.length; i++) dst[offset + i * c + ch] = plane[i] * ImageSet.PIXEL_SCALE;
        }
    }

    /** The picture's {@code channels} planes of values in [0, 255], at its own size. */
    static float[][] planes(BufferedImage image, int channels) {
        int width = image.getWidth();
        int height = image.getHeight();
        int n = width * height;
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            // Read grey samples directly: java.awt treats grey as linear light and would brighten it in getRGB.
            float[] grey = new float[n];
            Raster raster = image.getRaster();
            double greyMax = (1 << model.getComponentSize(0)) - 1;
            boolean alpha = model.hasAlpha();
            double alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
            int[] row = new int[width];
            int[] alphaRow = alpha ? new int[width] : null;
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                if (alpha) raster.getSamples(0, y, width, 1, 1, alphaRow);
                for (int x = 0; x < width; x++) {
                    // For 8-bit samples s * 255.0 / 255.0 is s exactly.
                    double g = row[x] * 255.0 / greyMax;
                    if (alpha) {
                        double a = alphaRow[x] / alphaMax;
                        g = model.isAlphaPremultiplied() ? g + (1 - a) * 255 : a * g + (1 - a) * 255;
                    }
                    // A damaged file can hold samples beyond its colour model's range (a TIFF whose samples
                    // are wider than it says; premultiplied grey above its alpha); in range, clamp is exact.
                    grey[y * width + x] = (float) Math.clamp(g, 0, 255);
                }
            }
            return channels == 1 ? new float[][] {grey} : new float[][] {grey, grey, grey};
        }
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // non-premultiplied sRGB, 8 bits a channel
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                double a = (argb >>> 24) / 255.0;
                int i = y * width + x;
                r[i] = (float) (a * ((argb >> 16) & 0xff) + (1 - a) * 255);
                g[i] = (float) (a * ((argb >> 8) & 0xff) + (1 - a) * 255);
                b[i] = (float) (a * (argb & 0xff) + (1 - a) * 255);
            }
        }
        if (channels == 3) return new float[][] {r, g, b};
        float[] grey = new float[n];
        for (int i = 0; i < n; i++) {
            grey[i] = r[i] == g[i] && g[i] == b[i] ? r[i] : (float) (RED * r[i] + GREEN * g[i] + BLUE * b[i]);
        }
        return new float[][] {grey};
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A picture file's bytes as a seekable stream of known length, as a file's stream is: ImageIO's own
     * in-memory stream reports no length, and its TIFF reader then refuses files it reads from disk; its
     * stream over an InputStream would also cache it in a temporary file.
     */
    private static final class BytesInputStream extends ImageInputStreamImpl {
        private final byte[] bytes;

        BytesInputStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            bitOffset = 0;
            return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            bitOffset = 0;
            if (streamPos >= bytes.length) return len == 0 ? 0 : -1;
            int n = (int) Math.min(len, bytes.length - streamPos);
            System.arraycopy(bytes, (int) streamPos, b, off, n);
            streamPos += n;
            return n;
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }
}
