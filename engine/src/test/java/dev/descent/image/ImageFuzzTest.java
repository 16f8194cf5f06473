package dev.descent.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.Fuzz;
import dev.descent.Mutations;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the picture path of {@code descent predict}: {@link ImageFiles#read} then
 * {@link DigitPreprocessor#prepare}. Inputs are small drawings saved as PNG (grey, colour, with alpha,
 * palette), JPEG, GIF, BMP and TIFF, mutated at the byte level or, for PNG, with the header's width and
 * height set to boundary values and its checksum fixed so that the decoder believes them. Every input
 * becomes a 28x28 field of values in [0, 1] or is refused with a {@link dev.descent.DescentException}.
 * A second target prepares random grey pictures directly.
 */
class ImageFuzzTest {
    private static final int[] SIDES = {0, 1, 2, 3, 28, 255, 10_000, 10_001, 65_535, 1 << 20, Integer.MAX_VALUE, -1};

    @TempDir
    Path dir;

    static List<byte[]> seeds() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        List<byte[]> seeds = new ArrayList<>();
        int[] types = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_GRAY};
        for (String format : List.of("png", "jpeg", "gif", "bmp", "tiff")) {
            for (int type : types) {
                BufferedImage image = drawing(type, 6 + r.nextInt(30), 6 + r.nextInt(30), r);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (ImageIO.write(image, format, out) && out.size() > 0) seeds.add(out.toByteArray());
            }
        }
        return seeds;
    }

    private static BufferedImage drawing(int type, int width, int height, SplittableRandom r) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(r.nextBoolean() ? Color.WHITE : new Color(0, 0, 0, r.nextInt(256)));
        g.fillRect(0, 0, width, height);
        g.setColor(r.nextBoolean() ? Color.BLACK : new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 255));
        g.setStroke(new BasicStroke(1 + r.nextInt(3)));
        for (int i = 0; i < 3; i++) {
            g.drawLine(r.nextInt(width), r.nextInt(height), r.nextInt(width), r.nextInt(height));
        }
        g.dispose();
        return image;
    }

    static byte[] input(List<byte[]> seeds, SplittableRandom r) {
        byte[] seed = Mutations.pick(seeds, r);
        if (r.nextInt(10) == 0) return seed;
        if (isPng(seed) && r.nextInt(3) == 0) return pngWithSize(seed, r);
        return Mutations.mutate(seed, r);
    }

    private static boolean isPng(byte[] b) {
        return b.length > 33 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    /** The IHDR chunk (bytes 8-32) with new width and/or height and a correct CRC. */
    private static byte[] pngWithSize(byte[] png, SplittableRandom r) {
        byte[] b = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(b);
        if (r.nextBoolean()) buffer.putInt(16, SIDES[r.nextInt(SIDES.length)]);
        if (r.nextBoolean()) buffer.putInt(20, SIDES[r.nextInt(SIDES.length)]);
        else buffer.putInt(16, SIDES[r.nextInt(SIDES.length)]);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return b;
    }

    @Test
    void everyPictureFileBecomesAnInputOrIsRefusedWithAMessage() throws IOException {
        List<byte[]> seeds = seeds();
        assertTrue(seeds.size() >= 15, "seed pictures in several formats: " + seeds.size());
        Path file = dir.resolve("fuzz-picture");
        Fuzz.Result result = Fuzz.bytes("picture", r -> input(seeds, r), bytes -> {
            Files.write(file, bytes);
            GrayImage image = ImageFiles.read(file);
            checkField(DigitPreprocessor.prepare(image, file.toString()));
        });
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }

    /** Random grey pictures of 1 to 60 pixels a side: noise, flat, a few strokes, extremes. */
    static GrayImage grey(SplittableRandom r) {
        int w = 1 + r.nextInt(r.nextBoolean() ? 4 : 60);
        int h = 1 + r.nextInt(r.nextBoolean() ? 4 : 60);
        float[] values = new float[w * h];
        float background = switch (r.nextInt(4)) {
            case 0 -> 0f;
            case 1 -> 1f;
            default -> (float) r.nextDouble();
        };
        Arrays.fill(values, background);
        switch (r.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < values.length; i++) values[i] = (float) r.nextDouble();
            }
            case 1 -> values[r.nextInt(values.length)] = 1 - background;
            case 2 -> {
                for (int k = 0, n = r.nextInt(4 * (w + h)); k < n; k++) {
                    values[r.nextInt(values.length)] = r.nextBoolean() ? 0f : 1f;
                }
            }
            default -> { } // flat
        }
        return new GrayImage(w, h, values);
    }

    @Test
    void everyGreyPictureIsPreparedOrRefusedWithAMessage() {
        Fuzz.Result result = Fuzz.run("digit-preprocessor", ImageFuzzTest::grey,
                image -> checkField(DigitPreprocessor.prepare(image, "fuzzed picture")),
                image -> image.width() * image.height() * 4);
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }

    private static void checkField(DigitPreprocessor.Digit digit) {
        assertEquals(DigitPreprocessor.FIELD * DigitPreprocessor.FIELD, digit.pixels().length);
        for (float v : digit.pixels()) assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }
}
