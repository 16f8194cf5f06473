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

    /** Reads training images and labels; the labels that occur are the classes. */
    public static ImageSet readTraining(Path images, Path labels) {
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
        IdxReader.Images read = IdxReader.readImages(images);
        ImageSize size = training.size();
        if (read.cols() != size.width() || read.rows() != size.height() || size.channels() != 1) {
            throw new DescentException("%s holds %dx%d images but the training images (%s) are %s"
                    .formatted(images, read.cols(), read.rows(), training.samples().source(), size));
        }
        byte[] labelBytes = readLabels(images, read, labels);
        return build(read, labelBytes, training.classes(), labels);
    }

    private static byte[] readLabels(Path images, IdxReader.Images read, Path labels) {
        byte[] labelBytes = IdxReader.readLabels(labels, MAX_CLASSES);
        if (read.count() != labelBytes.length) {
            throw new DescentException("%s has %d images but %s has %d labels; the counts must match"
                    .formatted(images, read.count(), labels, labelBytes.length));
        }
        return labelBytes;
    }

    private static ImageSet build(IdxReader.Images read, byte[] labelBytes, List<String> classes, Path labels) {
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
        ImageSize size = new ImageSize(read.cols(), read.rows(), 1);
        byte[] pixels = read.pixels();
        if ((long) pixels.length > Integer.MAX_VALUE - 8) {
            throw new DescentException(read.file() + " holds more pixels than one Java array of floats holds");
        }
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) features[i] = (pixels[i] & 0xFF) * ImageSet.PIXEL_SCALE;
        Samples samples = new Samples(read.file().toString(), List.of(), read.count(), size.inputs(), features,
                new ClassTargets(classes, index));
        String file = read.file().toString();
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
        return new ImageSet(size, samples, entries);
    }
}
