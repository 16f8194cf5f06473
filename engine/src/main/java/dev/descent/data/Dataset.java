package dev.descent.data;

import dev.descent.DescentException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One split of a data set: {@code count} images of {@code rows x cols} unsigned-byte pixels, row-major
 * and image after image in one array, each with a label 0-9. The arrays are shared, not copied:
 * nobody may mutate them.
 */
public final class Dataset {
    private final String source;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int rows;
    private final int cols;

    private Dataset(String source, byte[] pixels, byte[] labels, int rows, int cols) {
        this.source = source;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
    }

    /** Reads an images file and a labels file (IDX, gzip or raw) and checks that they have as many entries. */
    public static Dataset load(Path images, Path labels) {
        IdxReader.Images read = IdxReader.readImages(images);
        byte[] labelBytes = IdxReader.readLabels(labels);
        if (read.count() != labelBytes.length) {
            throw new DescentException("%s has %d images but %s has %d labels; the counts must match"
                    .formatted(images, read.count(), labels, labelBytes.length));
        }
        return new Dataset(images.toString(), read.pixels(), labelBytes, read.rows(), read.cols());
    }

    /**
     * {@code count} random 28x28 images with random labels, drawn from {@code seed}: for benchmarks,
     * whose arithmetic does not depend on the pixels.
     */
    public static Dataset synthetic(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        random.nextBytes(pixels);
        for (int i = 0; i < count; i++) labels[i] = (byte) random.nextInt(10);
        return of("synthetic", pixels, labels, 28, 28);
    }

    /**
     * Wraps in-memory data without copying: {@code pixels} holds {@code labels.length * rows * cols}
     * unsigned bytes, {@code labels} values 0-9; {@code source} names it in messages.
     */
    public static Dataset of(String source, byte[] pixels, byte[] labels, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1: " + rows + "x" + cols);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException("%d labels of %dx%d images need %d pixels, got %d"
                    .formatted(labels.length, rows, cols, (long) labels.length * rows * cols, pixels.length));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + "; labels must be 0-9");
            }
        }
        return new Dataset(source, pixels, labels, rows, cols);
    }

    /**
     * Fails with a {@link DescentException} unless an image has {@code inputs} pixels; {@code where}
     * names what sets the input size, e.g. {@code "network.layers in configs/seed.yaml"}.
     */
    public void requireImageSize(int inputs, String where) {
        if (imageSize() != inputs) {
            throw new DescentException("images in %s are %dx%d = %d pixels but %s starts with %d"
                    .formatted(source, rows, cols, imageSize(), where, inputs));
        }
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image: rows * cols. */
    public int imageSize() {
        return rows * cols;
    }

    /**
     * The backing array, {@code count() * imageSize()} unsigned bytes; image i starts at {@code i * imageSize()}. Do
     * not mutate.
     */
    public byte[] pixels() {
        return pixels;
    }

    /** The label of image i, 0-9. */
    public int label(int i) {
        return labels[i];
    }

    /** The backing array of labels, 0-9, one per image. Do not mutate. */
    public byte[] labels() {
        return labels;
    }

    /** The images file, or the name given to {@link #of}; for messages. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "%d images of %dx%d from %s".formatted(count, rows, cols, source);
    }
}
