package dev.descent.data;

import dev.descent.DescentException;
import dev.descent.data.images.ImageSet;
import dev.descent.data.images.ImageSize;
import dev.descent.data.normalize.FeatureScaling;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.RegressionTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One split of a data set, as training, evaluation and reports read it: {@code count} samples of {@code
 * inputs()} values each, with a class index (classification) or {@code outputs} target values
 * (regression) per sample, and the {@link DataDescription} shared by all splits of the set.
 *
 * <p>The inputs are stored one of two ways, both row-major, sample after sample in one array: pixel sets
 * as unsigned bytes ({@link #pixels()}), whose input is {@code byte * PIXEL_SCALE} (the 60,000 images of
 * Fashion-MNIST take 47 MB, not 188), and tables as the float32 inputs the network sees, already
 * normalised ({@link #features()}). Regression targets are stored as trained on (standardised unless the
 * config says otherwise). The arrays are shared, not copied: nobody may mutate them.
 */
public final class Dataset {
    private final String source;
    private final int count;
    private final int inputs;
    private final byte[] pixels;
    private final float[] features;
    private final int[] classes;
    private final float[] targets;
    private final DataDescription description;

    private Dataset(String source, int count, byte[] pixels, float[] features, int[] classes, float[] targets,
                    DataDescription description) {
        this.source = source;
        this.count = count;
        this.inputs = description.inputSize();
        this.pixels = pixels;
        this.features = features;
        this.classes = classes;
        this.targets = targets;
        this.description = description;
        long values = (long) count * inputs;
        if ((pixels != null ? pixels.length : features.length) != values) {
            throw new IllegalArgumentException("%d samples of %d inputs need %d values, got %d".formatted(count,
                    inputs, values, pixels != null ? pixels.length : features.length));
        }
        int outputs = description.outputSize();
        if (description.task() == Task.CLASSIFICATION) {
            if (classes.length != count) throw new IllegalArgumentException(classes.length + " labels for " + count);
            for (int i = 0; i < count; i++) {
                if (classes[i] < 0 || classes[i] >= outputs) {
                    throw new IllegalArgumentException("label " + classes[i] + " at index " + i + "; labels must be 0-"
                            + (outputs - 1));
                }
            }
        } else if (targets.length != (long) count * outputs) {
            throw new IllegalArgumentException(targets.length + " target values for " + count + " x " + outputs);
        }
    }

    /** Reads an images file and a labels file (IDX, gzip or raw) and checks that they have as many entries. */
    public static Dataset load(Path images, Path labels) {
        return load(images, labels, DatasetName.MNIST);
    }

    /** Reads an images and a labels file of the built-in set {@code name}, whose class names it takes. */
    public static Dataset load(Path images, Path labels, DatasetName name) {
        IdxReader.Images read = IdxReader.readImages(images);
        byte[] labelBytes = IdxReader.readLabels(labels);
        if (read.count() != labelBytes.length) {
            throw new DescentException("%s has %d images but %s has %d labels; the counts must match"
                    .formatted(images, read.count(), labels, labelBytes.length));
        }
        return of(images.toString(), read.pixels(), labelBytes, read.rows(), read.cols(), name);
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
     * Wraps in-memory MNIST-like data without copying the pixels: {@code pixels} holds {@code labels.length
     * * rows * cols} unsigned bytes, {@code labels} values 0-9; {@code source} names it in messages.
     */
    public static Dataset of(String source, byte[] pixels, byte[] labels, int rows, int cols) {
        return of(source, pixels, labels, rows, cols, DatasetName.MNIST);
    }

    private static Dataset of(String source, byte[] pixels, byte[] labels, int rows, int cols, DatasetName name) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1: " + rows + "x" + cols);
        }
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) classes[i] = labels[i];
        ImageSize size = new ImageSize(cols, rows, 1);
        DataDescription builtIn = DataDescription.builtIn(name);
        return pixels(source, pixels, classes, DataDescription.pictures(name.id(), builtIn.classNames(), size,
                FeatureScaling.none(size.inputs())));
    }

    /** A pixel set: {@code pixels} holds {@code classes.length} pictures of {@code description.image()}. */
    public static Dataset pixels(String source, byte[] pixels, int[] classes, DataDescription description) {
        return new Dataset(source, classes.length, pixels, null, classes, null, description);
    }

    /**
     * A set of float32 inputs, already normalised as {@code description} says: {@code samples}' features and
     * targets (class indices or target values as trained on) are shared, not copied.
     */
    public static Dataset samples(Samples samples, DataDescription description) {
        int[] classes = samples.targets() instanceof ClassTargets c ? c.index() : null;
        float[] values = samples.targets() instanceof RegressionTargets r ? r.values() : null;
        return new Dataset(samples.source(), samples.count(), null, samples.features(), classes, values, description);
    }

    /**
     * The samples {@code picked} (indices into this set, in that order) as a new set named {@code name};
     * the arrays are copied, the description shared.
     */
    public Dataset subset(String name, int[] picked) {
        int n = picked.length;
        int outputs = description.outputSize();
        byte[] p = pixels != null ? new byte[n * inputs] : null;
        float[] f = features != null ? new float[n * inputs] : null;
        int[] c = classes != null ? new int[n] : null;
        float[] t = targets != null ? new float[n * outputs] : null;
        for (int k = 0; k < n; k++) {
            int i = picked[k];
            if (p != null) System.arraycopy(pixels, i * inputs, p, k * inputs, inputs);
            if (f != null) System.arraycopy(features, i * inputs, f, k * inputs, inputs);
            if (c != null) c[k] = classes[i];
            if (t != null) System.arraycopy(targets, i * outputs, t, k * outputs, outputs);
        }
        return new Dataset(name, n, p, f, c, t, description);
    }

    /** The same samples (arrays shared) described by {@code newDescription}, of the same shape. */
    public Dataset withDescription(DataDescription newDescription) {
        return new Dataset(source, count, pixels, features, classes, targets, newDescription);
    }

    /** A float copy of a pixel set: every byte times {@code PIXEL_SCALE}, for a normalisation to rewrite. */
    public Dataset toFeatures() {
        if (pixels == null) return this;
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) f[i] = (pixels[i] & 0xFF) * ImageSet.PIXEL_SCALE;
        return new Dataset(source, count, null, f, classes, targets, description);
    }

    /**
     * This set split into the samples kept and {@code n} held out, chosen uniformly by {@code random}; both
     * parts keep the original order and are named after this set with {@code keptName} and {@code heldName}.
     */
    public Dataset[] split(int n, RandomGenerator random, String keptName, String heldName) {
        boolean[] held = new boolean[count];
        // Floyd's algorithm: n distinct indices with n draws.
        for (int j = count - n; j < count; j++) {
            int t = random.nextInt(j + 1);
            held[held[t] ? j : t] = true;
        }
        int[] kept = new int[count - n];
        int[] out = new int[n];
        for (int i = 0, k = 0, h = 0; i < count; i++) {
            if (held[i]) out[h++] = i;
            else kept[k++] = i;
        }
        return new Dataset[] {subset(source + " (" + keptName + ")", kept),
            subset(source + " (" + heldName + ")", out)};
    }

    /**
     * Fails with a {@link DescentException} unless a sample has {@code inputs} values; {@code where}
     * names what sets the input size, e.g. {@code "network.layers in configs/seed.yaml"}.
     */
    public void requireImageSize(int expected, String where) {
        if (inputs != expected) {
            String what = description.image() != null
                    ? "images in %s are %dx%d%s = %d pixels".formatted(source, description.image().height(),
                    description.image().width(), description.image().channels() == 1 ? "" : "x3", inputs)
                    : "samples in %s have %d features".formatted(source, inputs);
            throw new DescentException("%s but %s starts with %d".formatted(what, where, expected));
        }
    }

    public int count() {
        return count;
    }

    /** Picture height; 1 for a table. */
    public int rows() {
        return description.image() != null ? description.image().height() : 1;
    }

    /** Picture width times channels; the number of features for a table. */
    public int cols() {
        return description.image() != null ? description.image().width() * description.image().channels() : inputs;
    }

    /** Inputs per sample. */
    public int imageSize() {
        return inputs;
    }

    /** True when the inputs are stored as bytes ({@link #pixels()}), false for float32 ({@link #features()}). */
    public boolean hasPixels() {
        return pixels != null;
    }

    /**
     * The backing array of a pixel set, {@code count() * imageSize()} unsigned bytes; sample i starts at {@code i
     * * imageSize()}. Do not mutate.
     */
    public byte[] pixels() {
        if (pixels == null) throw new IllegalStateException(source + " holds float inputs, not pixels");
        return pixels;
    }

    /** The backing array of a float set, {@code count() * imageSize()} network inputs. Do not mutate. */
    public float[] features() {
        if (features == null) throw new IllegalStateException(source + " holds pixels, not float inputs");
        return features;
    }

    /** The class index of sample i (classification). */
    public int label(int i) {
        return classes[i];
    }

    /** The class indices, one per sample (classification). Do not mutate. */
    public int[] labels() {
        if (classes == null) throw new IllegalStateException(source + " holds regression targets");
        return classes;
    }

    /** The regression targets as trained on, {@code outputs} per sample, row-major. Do not mutate. */
    public float[] targets() {
        if (targets == null) throw new IllegalStateException(source + " holds class labels");
        return targets;
    }

    public DataDescription description() {
        return description;
    }

    /** The file or folder, or the name given to {@link #of}; for messages. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "%d samples of %d inputs from %s".formatted(count, inputs, source);
    }

    /** The class names, shorthand for {@code description().classNames()}. */
    public List<String> classNames() {
        return description.classNames();
    }
}
