package dev.descent.data;

import dev.descent.DescentException;

/**
 * Labelled images kept as the bytes the file holds: {@code count} images of {@code rows x cols}
 * unsigned pixels, row-major and image after image in one array (60,000 MNIST images take 47 MB), and
 * one label byte per image. Immutable by convention: {@link #pixels()} returns the backing array,
 * which callers must not change.
 */
public final class Dataset {
    private final String source;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int rows;
    private final int cols;

    Dataset(String source, byte[] pixels, byte[] labels, int rows, int cols) {
        this.source = source;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(count + " labels but " + pixels.length + " pixels of " + rows + "x" + cols);
        }
    }

    /** An in-memory data set; labels must be 0..9. */
    public static Dataset of(byte[] pixels, byte[] labels, int rows, int cols) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) throw new IllegalArgumentException("label " + labels[i] + " at " + i);
        }
        return new Dataset("memory", pixels, labels, rows, cols);
    }

    /** Reads an images file and its labels file and checks that they belong together. */
    public static Dataset load(java.nio.file.Path images, java.nio.file.Path labels) {
        IdxReader.Images im = IdxReader.readImages(images);
        byte[] lb = IdxReader.readLabels(labels);
        if (im.count() != lb.length) {
            throw new DescentException(images + " holds " + im.count() + " images but " + labels + " holds "
                    + lb.length + " labels; they must be the same set");
        }
        return new Dataset(images.toString(), im.pixels(), lb, im.rows(), im.cols());
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

    /** All pixels, image after image; the backing array, not to be modified. */
    public byte[] pixels() {
        return pixels;
    }

    /** The class of image i, 0..9. */
    public int label(int i) {
        return labels[i];
    }

    /** Fails unless an image has exactly {@code inputs} pixels, the size of the network's input layer. */
    public void requireImageSize(int inputs, String key) {
        if (imageSize() != inputs) {
            throw new DescentException("images in " + source + " are " + rows + "x" + cols + " = " + imageSize()
                    + " pixels but " + key + " starts with " + inputs);
        }
    }
}
