package dev.descent.image;

import dev.descent.DescentException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a picture of a digit into the network's input the way MNIST's digits were made: ink on a dark
 * field, the digit's bounding box scaled to fit a 20x20 box with its aspect ratio kept (anti-aliased),
 * and that box placed in a 28x28 field so the centre of mass of the ink falls on pixel (14, 14).
 *
 * <p>The steps, in order:
 * <ol>
 * <li>Background: the median luminance of the border pixels. A light background (above 0.5) means dark
 *     ink, and the picture is inverted, so that ink is always the high value as in MNIST.</li>
 * <li>Contrast: ink is rescaled so the background becomes 0 and the strongest stroke 1, which takes
 *     care of grey paper and faint pencil alike.</li>
 * <li>Bounding box: the smallest rectangle holding every pixel with more than {@link #INK_THRESHOLD}
 *     ink; fainter pixels are JPEG noise or paper texture.</li>
 * <li>Scaling: the longer side of the box becomes {@link #BOX} pixels, the shorter one in proportion;
 *     shrinking averages the source area each output pixel covers, enlarging interpolates bilinearly.</li>
 * <li>Centring: the box is shifted by whole pixels so its centre of mass lands within half a pixel of
 *     ({@link #CENTRE}, {@link #CENTRE}) in pixel-index coordinates, the convention MNIST's test set
 *     follows (its mean centre of mass is (14.01, 13.99)); when that would push ink off the field the
 *     box is moved back inside instead.</li>
 * </ol>
 * Output values are ink in [0, 1], the scale the training pixels have after division by 255.
 */
public final class DigitPreprocessor {
    /** Side of the network's input field. */
    public static final int FIELD = 28;
    /** Side of the box the digit is scaled to fit. */
    public static final int BOX = 20;
    /** Where the centre of mass goes, in pixel-index coordinates (x and y). */
    public static final float CENTRE = 14f;
    /** Ink (0 = background, 1 = strongest stroke) a pixel needs to count for the bounding box. */
    static final float INK_THRESHOLD = 0.2f;
    /** Less contrast than this between background and strongest stroke means there is no digit to see. */
    static final float MIN_CONTRAST = 0.08f;

    private DigitPreprocessor() {
    }

    /**
     * A prepared digit: {@code pixels} is the 28x28 field, row-major, in [0, 1]; {@code inverted} tells
     * whether the picture had a light background; the box is where the ink was found in the picture.
     */
    public record Digit(float[] pixels, boolean inverted, int boxX, int boxY, int boxWidth, int boxHeight) {
    }

    /** Prepares {@code image}; {@code source} names it in the message when the picture shows no ink. */
    public static Digit prepare(GrayImage image, String source) {
        int w = image.width();
        int h = image.height();
        float background = borderMedian(image);
        boolean inverted = background > 0.5f;
        float[] ink = new float[w * h];
        float peak = 0;
        for (int i = 0; i < ink.length; i++) {
            float l = image.luminance()[i];
            ink[i] = inverted ? 1 - l : l;
            peak = Math.max(peak, ink[i]);
        }
        float base = inverted ? 1 - background : background;
        float contrast = peak - base;
        if (contrast < MIN_CONTRAST) {
            throw new DescentException(String.format(Locale.ROOT,
                    "%s shows no digit: nothing in it stands out from its %s background (contrast %.3f, need %.2f)",
                    source, inverted ? "light" : "dark", Math.max(0, contrast), MIN_CONTRAST));
        }
        for (int i = 0; i < ink.length; i++) ink[i] = Math.max(0f, Math.min(1f, (ink[i] - base) / contrast));

        int[] box = boundingBox(ink, w, h, INK_THRESHOLD);
        int bx = box[0];
        int by = box[1];
        int bw = box[2];
        int bh = box[3];
        float[] cropped = new float[bw * bh];
        for (int y = 0; y < bh; y++) System.arraycopy(ink, (by + y) * w + bx, cropped, y * bw, bw);

        int longer = Math.max(bw, bh);
        int dw = Math.max(1, Math.round((float) bw * BOX / longer));
        int dh = Math.max(1, Math.round((float) bh * BOX / longer));
        float[] scaled = Resampler.resize(cropped, bw, bh, dw, dh);

        float[] com = centreOfMass(scaled, dw, dh);
        int ox = Math.clamp(Math.round(CENTRE - com[0]), 0, FIELD - dw);
        int oy = Math.clamp(Math.round(CENTRE - com[1]), 0, FIELD - dh);
        float[] field = new float[FIELD * FIELD];
        for (int y = 0; y < dh; y++) System.arraycopy(scaled, y * dw, field, (oy + y) * FIELD + ox, dw);
        return new Digit(field, inverted, bx, by, bw, bh);
    }

    /** The median luminance of the pixels on the picture's edge. */
    static float borderMedian(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] border = new float[w == 1 || h == 1 ? w * h : 2 * w + 2 * h - 4];
        int n = 0;
        for (int y = 0; y < h; y++) {
            if (y == 0 || y == h - 1) {
                for (int x = 0; x < w; x++) border[n++] = image.at(x, y);
            } else {
                border[n++] = image.at(0, y);
                if (w > 1) border[n++] = image.at(w - 1, y);
            }
        }
        Arrays.sort(border, 0, n);
        return n % 2 == 1 ? border[n / 2] : (border[n / 2 - 1] + border[n / 2]) / 2;
    }

    /**
     * {x, y, width, height} of the smallest rectangle holding every value above {@code threshold}; the
     * whole picture when none is (prepare() has made sure one is).
     */
    static int[] boundingBox(float[] values, int w, int h, float threshold) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (values[y * w + x] > threshold) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new int[] {0, 0, w, h} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    /** {x, y} of the centre of mass, pixel (x, y) sitting at coordinates (x, y); the middle if all zero. */
    static float[] centreOfMass(float[] values, int w, int h) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = values[y * w + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        if (mass == 0) return new float[] {(w - 1) / 2f, (h - 1) / 2f};
        return new float[] {(float) (mx / mass), (float) (my / mass)};
    }
}
