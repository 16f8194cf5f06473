package dev.descent.data.images;

import dev.descent.DescentException;

/**
 * The size every picture is scaled to ({@code data.image}): {@code width x height} pixels of {@code
 * channels} values, 1 for grey or 3 for red, green, blue. Input {@code (y * width + x) * channels + c}
 * is channel c of pixel (x, y): rows top to bottom, channels interleaved.
 */
public record ImageSize(int width, int height, int channels) {
    /** MNIST's shape, the default: 28 x 28 grey. */
    public static final ImageSize DEFAULT = new ImageSize(28, 28, 1);
    /** Largest accepted width or height. */
    public static final int MAX_SIDE = 4096;

    public ImageSize {
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new DescentException("data.image is %dx%d; width and height must be 1-%d"
                    .formatted(width, height, MAX_SIDE));
        }
        if (channels != 1 && channels != 3) {
            throw new DescentException("data.image.channels is %d; it must be 1 (grey) or 3 (RGB)".formatted(channels));
        }
        if ((long) width * height * channels > Integer.MAX_VALUE / 16) {
            throw new DescentException("data.image %dx%dx%d has too many inputs for one sample"
                    .formatted(width, height, channels));
        }
    }

    /** Inputs per picture: width x height x channels. */
    public int inputs() {
        return width * height * channels;
    }

    @Override
    public String toString() {
        return "%dx%dx%d".formatted(width, height, channels);
    }
}
