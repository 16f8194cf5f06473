package dev.descent.image;

/**
 * A grey picture: {@code width x height} luminance values, row-major, 0 = black, 1 = white. The
 * array is shared, not copied.
 */
public record GrayImage(int width, int height, float[] luminance) {
    public GrayImage {
        if (width < 1 || height < 1) throw new IllegalArgumentException("empty image: " + width + "x" + height);
        if (luminance.length != (long) width * height) {
            throw new IllegalArgumentException(width + "x" + height + " image needs " + (long) width * height
                    + " values, got " + luminance.length);
        }
    }

    public float at(int x, int y) {
        return luminance[y * width + x];
    }
}
