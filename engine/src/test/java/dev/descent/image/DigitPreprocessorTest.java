package dev.descent.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MNIST recipe step by step: inversion, bounding box, 20x20 box with aspect kept, centre of mass at (14, 14). */
class DigitPreprocessorTest {
    /** A {@code w x h} picture of {@code paper}, with the rectangle [x0, x1) x [y0, y1) painted {@code ink}. */
    static GrayImage rectangle(int w, int h, float paper, float ink, int x0, int y0, int x1, int y1) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) v[y * w + x] = x >= x0 && x < x1 && y >= y0 && y < y1 ? ink : paper;
        }
        return new GrayImage(w, h, v);
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) s += x;
        return s;
    }

    @Test
    void invertsDarkInkOnLightPaperAndKeepsLightInkOnDarkPaper() {
        DigitPreprocessor.Digit onWhite = DigitPreprocessor.prepare(rectangle(60, 60, 1f, 0f, 20, 10, 30, 50), "white");
        DigitPreprocessor.Digit onBlack = DigitPreprocessor.prepare(rectangle(60, 60, 0f, 1f, 20, 10, 30, 50), "black");
        assertTrue(onWhite.inverted());
        assertFalse(onBlack.inverted());
        // Either way the ink is the high value and the field's corners are background.
        assertArrayEquals(onBlack.pixels(), onWhite.pixels(), 1e-6f);
        assertEquals(0f, onWhite.pixels()[0]);
        assertEquals(1f, onWhite.pixels()[14 * 28 + 14], 1e-6f);
    }

    @Test
    void decidesTheBackgroundFromTheBorderEvenWhenInkTouchesIt() {
        // A light picture whose ink runs off the left edge: most of the border is still paper.
        GrayImage picture = rectangle(40, 40, 0.9f, 0.1f, 0, 15, 25, 25);
        assertEquals(0.9f, DigitPreprocessor.borderMedian(picture));
        assertTrue(DigitPreprocessor.prepare(picture, "edge").inverted());
    }

    @Test
    void stretchesGreyPaperAndFaintInkToTheFullRange() {
        DigitPreprocessor.Digit digit =
                DigitPreprocessor.prepare(rectangle(50, 50, 0.7f, 0.45f, 10, 5, 30, 45), "pencil");
        float max = 0;
        for (float v : digit.pixels()) max = Math.max(max, v);
        assertEquals(1f, max, 1e-6f);
        assertEquals(0f, digit.pixels()[0], 1e-6f);
    }

    @Test
    void boundingBoxIgnoresInkBelowTheThreshold() {
        float[] ink = new float[20 * 10];
        ink[3 * 20 + 4] = 0.9f;
        ink[7 * 20 + 15] = 0.5f;
        ink[9 * 20 + 19] = DigitPreprocessor.INK_THRESHOLD / 2;   // noise
        assertArrayEquals(new int[] {4, 3, 12, 5},
                DigitPreprocessor.boundingBox(ink, 20, 10, DigitPreprocessor.INK_THRESHOLD));
        DigitPreprocessor.Digit digit = DigitPreprocessor.prepare(rectangle(90, 90, 1f, 0.05f, 31, 17, 52, 70), "box");
        assertEquals(31, digit.boxX());
        assertEquals(17, digit.boxY());
        assertEquals(21, digit.boxWidth());
        assertEquals(53, digit.boxHeight());
    }

    @Test
    void scalesTheLongerSideToTwentyAndKeepsTheAspectRatio() {
        // A 10 x 40 bar becomes 5 x 20; a 60 x 30 one 20 x 10; a 4 x 8 one is enlarged to 10 x 20.
        assertInkExtent(rectangle(100, 100, 1f, 0f, 45, 30, 55, 70), 5, 20);
        assertInkExtent(rectangle(100, 100, 1f, 0f, 20, 35, 80, 65), 20, 10);
        assertInkExtent(rectangle(30, 30, 0f, 1f, 13, 11, 17, 19), 10, 20);
    }

    private static void assertInkExtent(GrayImage picture, int width, int height) {
        float[] field = DigitPreprocessor.prepare(picture, "bar").pixels();
        int[] box = DigitPreprocessor.boundingBox(field, 28, 28, 0.5f);
        assertEquals(width, box[2], "width");
        assertEquals(height, box[3], "height");
    }

    @Test
    void centreOfMassLandsOnFourteenFourteen() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            // Blobs of random size, position and weight on a random-size canvas: an uneven digit.
            int w = 40 + random.nextInt(200);
            int h = 40 + random.nextInt(200);
            float[] v = new float[w * h];
            Arrays.fill(v, 1f);
            for (int blob = 0; blob < 1 + random.nextInt(4); blob++) {
                int bw = 1 + random.nextInt(w / 3);
                int bh = 1 + random.nextInt(h / 3);
                int bx = 1 + random.nextInt(w - bw - 1);
                int by = 1 + random.nextInt(h - bh - 1);
                float ink = random.nextFloat() * 0.6f;
                for (int y = by; y < by + bh; y++) {
                    for (int x = bx; x < bx + bw; x++) v[y * w + x] = Math.min(v[y * w + x], ink);
                }
            }
            float[] field = DigitPreprocessor.prepare(new GrayImage(w, h, v), "blobs").pixels();
            float[] com = DigitPreprocessor.centreOfMass(field, 28, 28);
            int[] box = DigitPreprocessor.boundingBox(field, 28, 28, 0f);
            boolean clipped = box[0] == 0 || box[1] == 0 || box[0] + box[2] == 28 || box[1] + box[3] == 28;
            if (clipped) continue;   // moved back inside the field on purpose; see the class comment
            assertEquals(14f, com[0], 0.5f + 1e-4f, "x, trial " + trial);
            assertEquals(14f, com[1], 0.5f + 1e-4f, "y, trial " + trial);
            assertTrue(Math.max(box[2], box[3]) <= 20, "fits the 20x20 box, trial " + trial);
        }
    }

    @Test
    void keepsALopsidedDigitInsideTheField() {
        // Heavy ink at the far left of a wide box, a faint tail to the right: centring the mass would push
        // the tail off the field's right edge, so the box stops there instead.
        GrayImage picture = rectangle(100, 40, 0f, 1f, 10, 10, 20, 30);
        for (int x = 20; x < 90; x++) picture.luminance()[20 * 100 + x] = 0.3f;
        float[] field = DigitPreprocessor.prepare(picture, "lopsided").pixels();
        int[] box = DigitPreprocessor.boundingBox(field, 28, 28, 0f);
        assertEquals(8, box[0]);
        assertEquals(20, box[2]);
        assertTrue(DigitPreprocessor.centreOfMass(field, 28, 28)[0] < 13.5f);
    }

    @Test
    void areaAveragingPreservesTheMeanAndTheIdentityIsExact() {
        float[] src = new float[12 * 9];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < src.length; i++) src[i] = random.nextFloat();
        assertArrayEquals(src, Resampler.resize(src, 12, 9, 12, 9));
        float[] small = Resampler.resize(src, 12, 9, 5, 4);
        assertEquals(sum(src) / src.length, sum(small) / small.length, 1e-5f);
    }

    @Test
    void refusesAPictureWithoutInk() {
        DescentException e = assertThrows(DescentException.class,
                () -> DigitPreprocessor.prepare(rectangle(30, 30, 0.8f, 0.78f, 5, 5, 20, 20), "blank.png"));
        assertTrue(e.getMessage().contains("blank.png"), e.getMessage());
        assertTrue(e.getMessage().contains("no digit"), e.getMessage());
    }

    @Test
    void handlesOnePixelPicturesAndStrokes() {
        DescentException e = assertThrows(DescentException.class,
                () -> DigitPreprocessor.prepare(new GrayImage(1, 1, new float[] {0f}), "dot.png"));
        assertTrue(e.getMessage().contains("dot.png"));
        DigitPreprocessor.Digit line = DigitPreprocessor.prepare(rectangle(3, 30, 1f, 0f, 1, 5, 2, 25), "line.png");
        assertEquals(20f, sum(line.pixels()), 1e-4f);   // a 1 x 20 stroke at full ink
    }
}
