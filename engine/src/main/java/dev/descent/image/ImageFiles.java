package dev.descent.image;

import dev.descent.DescentException;
import dev.descent.io.FileKinds;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads picture files (PNG, JPEG, and whatever else ImageIO knows: GIF, BMP, TIFF) into grey images.
 * The size in the file's header is checked before any pixel is decoded, so a header that claims a
 * gigapixel costs nothing; very large but acceptable pictures are decoded with subsampling.
 */
public final class ImageFiles {
    /** Largest width or height accepted. */
    public static final int MAX_SIDE = 10_000;
    /** Largest width x height accepted. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** Above this many pixels, rows and columns are skipped while decoding: a digit needs far fewer. */
    static final long DECODE_PIXELS = 4_000_000L;

    // Rec. 601 luma weights, as MNIST-era scanners and java.awt's own grey conversion use.
    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private ImageFiles() {
    }

    /**
     * The luminance of the picture in {@code file}, transparent parts composited over white. Fails with
     * a {@link DescentException} naming the file when it is missing, not a picture, empty, larger than
     * {@link #MAX_SIDE} or {@link #MAX_PIXELS}, or damaged.
     */
    public static GrayImage read(Path file) {
        if (Files.isDirectory(file)) throw new DescentException("image " + file + " is a folder, not a picture");
        if (!Files.isRegularFile(file)) throw new DescentException("image " + file + " " + FileKinds.notRegular(file));
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new DescentException("cannot open image " + file);
            return luminance(decode(in, file.toString(), Files.size(file)));
        } catch (IOException e) {
            throw new DescentException("cannot read image " + file + ": " + message(e));
        }
    }

    /**
     * Decodes the one picture in {@code in}, {@code length} bytes that {@code name} names in messages. The
     * width and height in its header are checked ({@link #checkSize}) before any pixel is decoded, and
     * above {@link #DECODE_PIXELS} rows and columns are skipped; a stream that is not a picture, or is
     * damaged, fails with a {@link DescentException} naming it. The digit path ({@link #read}) and the
     * data sets' picture reader both decode here.
     */
    public static BufferedImage decode(ImageInputStream in, String name, long length) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new DescentException(name + " is not a picture: no PNG, JPEG, GIF, BMP or TIFF reader recognises"
                    + " its first bytes (" + length + " bytes)");
        }
        ImageReader reader = readers.next();
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        try {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new DescentException(name + " is a damaged " + format + " file: its header cannot be read ("
                        + message(e) + ")", e);
            }
            checkSize(name, width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height);
            if (step > 1) param.setSourceSubsampling(step, step, 0, 0);
            try {
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw new DescentException(name + " is a damaged or unsupported " + format + " file: " + message(e),
                        e);
            }
        } finally {
            reader.dispose();
        }
    }

    static void checkSize(String name, long width, long height) {
        if (width < 1 || height < 1) {
            throw new DescentException(name + " holds an empty picture: " + width + "x" + height + " pixels");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new DescentException(String.format(Locale.ROOT,
                    "%s is %dx%d pixels by its header; pictures may have at most %,d pixels a side and %,d in all",
                    name, width, height, MAX_SIDE, MAX_PIXELS));
        }
    }

    /** Keep every n-th row and column so that at most about {@link #DECODE_PIXELS} are decoded. */
    static int subsampling(long width, long height) {
        return (int) Math.max(1, Math.ceil(Math.sqrt((double) (width * height) / DECODE_PIXELS)));
    }

    /**
     * Luminance in [0, 1] of every pixel, alpha composited over white. Grey pictures are read from their
     * samples directly: java.awt treats their grey as linear light and would brighten it in getRGB.
     */
    public static GrayImage luminance(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[width * height];
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            float greyMax = (1 << model.getComponentSize(0)) - 1;
            boolean alpha = model.hasAlpha();
            float alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float grey = raster.getSample(x, y, 0) / greyMax;
                    if (alpha) {
                        float a = raster.getSample(x, y, 1) / alphaMax;
                        grey = model.isAlphaPremultiplied() ? grey + (1 - a) : a * grey + (1 - a);
                    }
                    values[y * width + x] = clamp(grey);
                }
            }
        } else {
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);   // non-premultiplied sRGB
                for (int x = 0; x < width; x++) {
                    int argb = row[x];
                    float a = (argb >>> 24) / 255f;
                    float luma = (RED * ((argb >> 16) & 0xff) + GREEN * ((argb >> 8) & 0xff)
                            + BLUE * (argb & 0xff)) / 255f;
                    values[y * width + x] = clamp(a * luma + (1 - a));
                }
            }
        }
        return new GrayImage(width, height, values);
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
