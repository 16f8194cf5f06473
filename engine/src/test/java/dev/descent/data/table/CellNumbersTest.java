package dev.descent.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellNumbersTest {
    private static float parse(String s) {
        char[] padded = ("##" + s + "#").toCharArray(); // the reader hands out slices of a larger buffer
        return CellNumbers.parse(padded, 2, s.length());
    }

    private static void assertSameBits(float expected, float actual, String text) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), text);
    }

    @Test
    void readsEveryPixelInputAsFloatToStringPrintsItBackToTheSameBits() {
        for (int b = 0; b < 256; b++) {
            float input = b * (1f / 255f);
            assertSameBits(input, parse(Float.toString(input)), "pixel " + b);
        }
    }

    @Test
    void agreesWithFloatParseFloatOnRandomFloatsAndDecimalTexts() {
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) continue;
            String text = Float.toString(f);
            assertSameBits(f, parse(text), text);
            // Decimal texts with more digits than a float holds must round as Float.parseFloat rounds.
            String decimal = (r.nextBoolean() ? "-" : "") + r.nextInt(100_000) + "." + r.nextLong(1L << 62)
                    + (r.nextBoolean() ? "e" + (r.nextInt(100) - 50) : ""); // past 1e38: overflow, refused
            float expected = Float.parseFloat(decimal);
            assertSameBits(Float.isFinite(expected) ? expected : Float.NaN, parse(decimal), decimal);
        }
    }

    @Test
    void readsSignsExponentsAndSubnormalsAsJavaDoes() {
        for (String s : List.of("0", "-0", "+1", ".5", "5.", "1e-45", "1.4E-45", "3.4028235E38", "-2.5e+3", "007")) {
            assertSameBits(Float.parseFloat(s), parse(s), s);
        }
    }

    @Test
    void givesNaNForTextThatIsNotAFiniteNumber() {
        for (String s : List.of("", "abc", "1,5", "1.5.2", "--1", "NaN", "Infinity", "-Infinity", "1e39", "0x", "e5")) {
            assertTrue(Float.isNaN(parse(s)), s);
        }
    }
}
