package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DivergingColoursTest {
    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    @Test
    void endsAndMiddleAreTheAnchors() {
        assertEquals(0x053061, DivergingColours.rgb(-1));
        assertEquals(0xf7f7f7, DivergingColours.rgb(0));
        assertEquals(0x67001f, DivergingColours.rgb(1));
    }

    @Test
    void clampsOutOfRangeValuesAndDrawsNaNNeutral() {
        assertEquals(DivergingColours.rgb(1), DivergingColours.rgb(7.5));
        assertEquals(DivergingColours.rgb(-1), DivergingColours.rgb(Double.NEGATIVE_INFINITY));
        assertEquals(DivergingColours.rgb(0), DivergingColours.rgb(Double.NaN));
    }

    @Test
    void positiveIsRedNegativeIsBlueAndLargerMagnitudesAreDarker() {
        double previousRed = luminance(DivergingColours.rgb(0));
        double previousBlue = previousRed;
        for (int i = 1; i <= 10; i++) {
            double v = i / 10.0;
            int red = DivergingColours.rgb(v);
            int blue = DivergingColours.rgb(-v);
            assertTrue(((red >> 16) & 0xff) > (red & 0xff), "red for " + v);
            assertTrue((blue & 0xff) > ((blue >> 16) & 0xff), "blue for " + -v);
            assertTrue(luminance(red) < previousRed && luminance(blue) < previousBlue, "darker at +-" + v);
            assertTrue(Math.abs(luminance(red) - luminance(blue)) < 40, "about as light on both sides at +-" + v);
            previousRed = luminance(red);
            previousBlue = luminance(blue);
        }
    }

    @Test
    void mixesChannelByChannel() {
        assertEquals(0x808080, DivergingColours.mix(0x000000, 0xffffff, 0.5));
        assertEquals(0x123456, DivergingColours.mix(0x123456, 0xabcdef, 0));
        assertEquals(0xabcdef, DivergingColours.mix(0x123456, 0xabcdef, 1));
        assertEquals(0x400000, DivergingColours.mix(0x000000, 0xff0000, 0.25));
    }
}
