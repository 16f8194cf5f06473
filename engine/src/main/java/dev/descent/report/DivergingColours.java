package dev.descent.report;

/**
 * A diverging colour map for signed values in [-1, 1]: dark blue at -1, near-white at 0, dark red at
 * +1, symmetric in lightness so that equal magnitudes look equally strong. The anchors are
 * ColorBrewer's 11-class RdBu; between them colours are interpolated linearly in RGB.
 */
final class DivergingColours {
    private static final int[] ANCHORS = {   // from -1 to +1
        0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
    };

    private DivergingColours() {
    }

    /** The colour of {@code value}, clamped to [-1, 1]; NaN maps to the middle. */
    public static int rgb(double value) {
        if (Double.isNaN(value)) value = 0;
        double position = (Math.max(-1, Math.min(1, value)) + 1) / 2 * (ANCHORS.length - 1);
        int low = (int) Math.min(ANCHORS.length - 2, Math.floor(position));
        double t = position - low;
        return mix(ANCHORS[low], ANCHORS[low + 1], t);
    }

    static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
