package dev.descent.data.images;

import dev.descent.DescentException;
import dev.descent.data.IdxReader;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a pair of IDX files (images, labels: the format of MNIST, Fashion-MNIST, KMNIST, EMNIST) of any
 * image size {@link IdxReader} accepts, with up to 256 classes. The classes are the label values that
 * occur in the training labels, in numeric order, named by their numbers ({@code "0"}, {@code "1"}, ...):
 * MNIST's labels 0-9 keep their indices, EMNIST letters 1-26 become classes 0-25. An image's input is
 * its bytes times {@link ImageSet#PIXEL_SCALE}, exactly what the built-in MNIST path computes.
 */
public final class IdxImageReader {
    private static final int MAX_CLASSES = 256;

    private IdxImageReader() {
    }

    /**
     * An IDX pair as read, pixels kept as bytes: {@code index[i]} is image i's class, an index into
     * {@code classes}; image i's input is {@code pixels[i * size.inputs() ..]} times {@link ImageSet#PIXEL_SCALE}.
     */
    public record Pixels(String source, ImageSize size, byte[] pixels, List<String> classes, int[] index) {
    }

    /** Reads training images and labels; the labels that occur are the classes. */
    public static ImageSet readTraining(Path images, Path labels) {
        return toImageSet(readTrainingPixels(images, labels));
    }

    /** Reads training images and labels as {@link #readTraining} does, keeping the pixels as bytes. */
    public static Pixels readTrainingPixels(Path images, Path labels) {
        IdxReader.Images read = IdxReader.readImages(images);
        byte[] labelBytes = readLabels(images, read, labels);
        boolean[] present = new boolean[MAX_CLASSES];
        for (byte b : labelBytes) present[b & 0xFF] = true;
        List<String> classes = new ArrayList<>();
        for (int v = 0; v < MAX_CLASSES; v++) {
            if (present[v]) classes.add(Integer.toString(v));
        }
        if (classes.size() < 2) {
            throw new DescentException("%s: every label is %s; classification needs at least two classes"
                    .formatted(labels, classes.isEmpty() ? "absent (no images)" : classes.getFirst()));
        }
        return build(read, labelBytes, classes, labels);
    }

    /**
     * Reads test images and labels for a model trained on {@code training}: the images must have the
     * training size, and every label must be one of the training classes.
     */
    public static ImageSet readTest(Path images, Path labels, ImageSet training) {
        return toImageSet(readTestPixels(images, labels, training.size(), training.classes(),
                training.samples().source()));
    }

    /**
     * Reads test images and labels as {@link #readTest} does, for a model trained on {@code trainedOn}'s
     * images of {@code size} and classes {@code classes}, keeping the pixels as bytes.
     */
    public static Pixels readTestPixels(Path images, Path labels, ImageSize size, List<String> classes,
                                        String trainedOn) {
        IdxReader.Images read = IdxReader.readImages(images);
        if (read.cols() != size.width() || read.rows() != size.height() || size.channels() != 1) {
            throw new DescentException("%s holds %dx%d images but the training images (%s) are %s"
                    .formatted(images, read.cols(), read.rows(), trainedOn, size));
        }
        byte[] labelBytes = readLabels(images, read, labels);
        return build(read, labelBytes, classes, labels);
    }

    private static byte[] readLabels(Path images, IdxReader.Images read, Path labels) {
        byte[] labelBytes = IdxReader.readLabels(labels, MAX_CLASSES);
        if (read.count() != labelBytes.length) {
            throw new DescentException("%s has %d images but %s has %d labels; the counts must match"
                    .formatted(images, read.count(), labels, labelBytes.length));
        }
        return labelBytes;
    }

    private static Pixels build(IdxReader.Images read, byte[] labelBytes, List<String> classes, Path labels) {
        int[] indexOf = new int[MAX_CLASSES];
        Arrays.fill(indexOf, -1);
        for (int c = 0; c < classes.size(); c++) indexOf[Integer.parseInt(classes.get(c))] = c;
        int[] index = new int[labelBytes.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = indexOf[labelBytes[i] & 0xFF];
            if (index[i] < 0) {
                throw new DescentException(("%s: label %d of image %d does not occur in the training labels;"
                        + " their classes are %s")
                        .formatted(labels, labelBytes[i] & 0xFF, i, String.join(", ", classes)));
            }
        }
        return new Pixels(read.file().toString(), new ImageSize(read.cols(), read.rows(), 1), read.pixels(), classes,
                index);
    }

    private static ImageSet toImageSet(Pixels read) {
        byte[] pixels = read.pixels();
        int[] index = read.index();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) features[i] = (pixels[i] & 0xFF) * ImageSet.PIXEL_SCALE;
        Samples samples = new Samples(read.source(), List.of(), index.length, read.size().inputs(), features,
                new ClassTargets(read.classes(), index));
        String file = read.source();
        List<String> entries = new AbstractList<>() {
            @Override
            public String get(int i) {
                return file + " image " + Objects.checkIndex(i, index.length);
            }

            @Override
            public int size() {
                return index.length;
            }
        };
        return new ImageSet(read.size(), samples, entries);
    }
}
