package dev.descent.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.data.images.ImageSet;
import dev.descent.data.images.ImageSize;
import dev.descent.data.images.PictureReader;
import dev.descent.data.normalize.FeatureScaling;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.normalize.TargetScaling;
import dev.descent.data.samples.Task;
import dev.descent.data.table.TableSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model knows about the data it was trained on, and what its model file records so that eval and
 * predict prepare inputs exactly as training did: the task, the input layout and the preprocessing.
 *
 * <p>{@code format} is the data's kind: a built-in set ({@code mnist}, {@code fashion-mnist}) or {@code
 * csv}, {@code images}, {@code idx}. Pixel sets ({@code image} not null) take 8-bit values as raw input,
 * each becoming {@code v * ImageSet.PIXEL_SCALE}; tables take their cells. Either is then normalised by
 * {@code scaling} (fitted on the training set; {@link Normalization#NONE} for no arithmetic). {@code
 * classNames} are the output neurons' classes in class order (classification); {@code targetNames} the
 * regression targets, whose outputs map back to target units with {@code targetScaling}. {@code columns}
 * is a table's header and {@code labels} its label columns, for reading more tables like the training one.
 */
public final class DataDescription {
    /** Metadata keys a model file gains; a model file without {@link #TASK} is one of the built-in sets. */
    static final String TASK = "task";
    private static final String FORMAT = "data_format";
    private static final String CLASSES = "class_names";
    private static final String TARGETS = "target_names";
    private static final String FEATURES = "feature_names";
    private static final String COLUMNS = "csv_columns";
    private static final String LABELS = "csv_labels";
    private static final String IMAGE = "image_size";
    private static final String NORMALIZE = "normalize";
    private static final String SHIFT = "feature_shift";
    private static final String SCALE = "feature_scale";
    private static final String TARGET_MEAN = "target_mean";
    private static final String TARGET_SCALE = "target_scale";
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String format;
    private final Task task;
    private final List<String> classNames;
    private final List<String> targetNames;
    private final List<String> featureNames;
    private final ImageSize image;
    private final FeatureScaling scaling;
    private final TargetScaling targetScaling;
    private final List<String> columns;
    private final List<String> labels;

    private DataDescription(String format, Task task, List<String> classNames, List<String> targetNames,
                            List<String> featureNames, ImageSize image, FeatureScaling scaling,
                            TargetScaling targetScaling, List<String> columns, List<String> labels) {
        this.format = Objects.requireNonNull(format);
        this.task = Objects.requireNonNull(task);
        this.classNames = List.copyOf(classNames);
        this.targetNames = List.copyOf(targetNames);
        this.featureNames = List.copyOf(featureNames);
        this.image = image;
        this.scaling = Objects.requireNonNull(scaling);
        this.targetScaling = targetScaling;
        this.columns = List.copyOf(columns);
        this.labels = List.copyOf(labels);
        int inputs = image != null ? image.inputs() : featureNames.size();
        if (inputs != scaling.width()) {
            throw new IllegalArgumentException("a scaling of %d inputs for %d inputs"
                    .formatted(scaling.width(), inputs));
        }
        if (task == Task.CLASSIFICATION ? classNames.size() < 2 : targetNames.isEmpty()) {
            throw new IllegalArgumentException(task + " without "
                    + (task == Task.CLASSIFICATION ? "classes" : "targets"));
        }
        if (task == Task.REGRESSION && (targetScaling == null || targetScaling.width() != targetNames.size())) {
            throw new IllegalArgumentException("regression needs a target scaling of " + targetNames.size());
        }
    }

    /** Classes of pixels of {@code image}, as the built-in sets, {@code format: images} and {@code idx} have. */
    public static DataDescription pictures(String format, List<String> classNames, ImageSize image,
                                           FeatureScaling scaling) {
        return new DataDescription(format, Task.CLASSIFICATION, classNames, List.of(), List.of(), image, scaling,
                null, List.of(), List.of());
    }

    /** The built-in set {@code dataset}: 28x28 grey, ten classes, no normalisation. */
    public static DataDescription builtIn(DatasetName dataset) {
        return builtIn(dataset.id());
    }

    private static DataDescription builtIn(String dataset) {
        List<String> names = dataset.equals(DatasetName.FASHION_MNIST.id()) ? FASHION
                : List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return pictures(dataset, names, ImageSize.DEFAULT, FeatureScaling.none(ImageSize.DEFAULT.inputs()));
    }

    /**
     * A CSV table read as {@code schema} says, with its fitted {@code scaling} and, for regression,
     * {@code targetScaling}.
     */
    public static DataDescription table(TableSchema schema, FeatureScaling scaling, TargetScaling targetScaling) {
        boolean regression = schema.task() == Task.REGRESSION;
        return new DataDescription("csv", schema.task(), regression ? List.of() : schema.classes(),
                regression ? schema.labels() : List.of(), schema.features(), null, scaling,
                regression ? targetScaling : null, schema.header(), schema.labels());
    }

    /** The same description with another input scaling (fitted after the set was read). */
    public DataDescription withScaling(FeatureScaling newScaling) {
        return new DataDescription(format, task, classNames, targetNames, featureNames, image, newScaling,
                targetScaling, columns, labels);
    }

    /** The same description with the regression targets' standardisation {@code newScaling}. */
    public DataDescription withTargetScaling(TargetScaling newScaling) {
        return new DataDescription(format, task, classNames, targetNames, featureNames, image, scaling, newScaling,
                columns, labels);
    }

    /**
     * The description a model file's metadata records; a model file written before descent recorded it
     * (no {@code task} key) is of a built-in set, named by its {@code dataset} key ({@code mnist} when
     * absent). {@code file} names the model file in messages.
     */
    public static DataDescription fromMetadata(String file, Map<String, String> metadata) {
        if (!metadata.containsKey(TASK)) return builtIn(metadata.getOrDefault("dataset", DatasetName.MNIST.id()));
        try {
            Task task = Task.of(metadata.get(TASK), "metadata key " + TASK + " of " + file);
            String format = require(file, metadata, FORMAT);
            List<String> features = strings(file, metadata, FEATURES);
            ImageSize image = null;
            if (metadata.containsKey(IMAGE)) {
                int[] whc = Arrays.stream(metadata.get(IMAGE).split("x")).mapToInt(Integer::parseInt).toArray();
                if (whc.length != 3) throw new NumberFormatException(metadata.get(IMAGE));
                image = new ImageSize(whc[0], whc[1], whc[2]);
            }
            Normalization method = Normalization.of(require(file, metadata, NORMALIZE),
                    "metadata key " + NORMALIZE + " of " + file);
            int inputs = image != null ? image.inputs() : features.size();
            FeatureScaling scaling = method == Normalization.NONE ? FeatureScaling.none(inputs)
                    : new FeatureScaling(method, doubles(file, metadata, SHIFT), doubles(file, metadata, SCALE));
            TargetScaling targetScaling = task == Task.REGRESSION
                    ? new TargetScaling(doubles(file, metadata, TARGET_MEAN), doubles(file, metadata, TARGET_SCALE))
                    : null;
            return new DataDescription(format, task, task == Task.CLASSIFICATION ? strings(file, metadata, CLASSES)
                    : List.of(), task == Task.REGRESSION ? strings(file, metadata, TARGETS) : List.of(), features,
                    image, scaling, targetScaling, metadata.containsKey(COLUMNS) ? strings(file, metadata, COLUMNS)
                    : List.of(), metadata.containsKey(LABELS) ? strings(file, metadata, LABELS) : List.of());
        } catch (IllegalArgumentException e) {
            throw new DescentException(file + ": the data description in its metadata is damaged: " + e.getMessage());
        }
    }

    /** Adds this description's keys to a model file's {@code metadata}. */
    public void toMetadata(Map<String, String> metadata) {
        metadata.put(TASK, task.id());
        metadata.put(FORMAT, format);
        if (task == Task.CLASSIFICATION) metadata.put(CLASSES, json(classNames));
        if (task == Task.REGRESSION) {
            metadata.put(TARGETS, json(targetNames));
            metadata.put(TARGET_MEAN, json(targetScaling.mean()));
            metadata.put(TARGET_SCALE, json(targetScaling.scale()));
        }
        metadata.put(FEATURES, json(featureNames));
        if (!columns.isEmpty()) {
            metadata.put(COLUMNS, json(columns));
            metadata.put(LABELS, json(labels));
        }
        if (image != null) metadata.put(IMAGE, image.width() + "x" + image.height() + "x" + image.channels());
        metadata.put(NORMALIZE, scaling.method().id());
        if (scaling.method() != Normalization.NONE) {
            metadata.put(SHIFT, json(scaling.shift()));
            metadata.put(SCALE, json(scaling.scale()));
        }
    }

    public String format() {
        return format;
    }

    public Task task() {
        return task;
    }

    /** The classes in output order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The regression targets in output order; empty for classification. */
    public List<String> targetNames() {
        return targetNames;
    }

    /** The table's feature columns in input order; empty for pixels. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The size pictures are scaled to, or null for a table. */
    public ImageSize image() {
        return image;
    }

    /** Inputs per sample: the first layer's width. */
    public int inputSize() {
        return scaling.width();
    }

    /** Output neurons: classes, or regression targets. */
    public int outputSize() {
        return task == Task.CLASSIFICATION ? classNames.size() : targetNames.size();
    }

    public FeatureScaling scaling() {
        return scaling;
    }

    /** The regression targets' standardisation; null for classification. */
    public TargetScaling targetScaling() {
        return targetScaling;
    }

    /** How to read more tables like the training one; null unless {@code format} is csv. */
    public TableSchema schema(String source) {
        if (columns.isEmpty()) return null;
        return new TableSchema(source, columns, featureNames, labels, task, classNames);
    }

    /**
     * Writes the network input of one sample to {@code dst[dstOffset .. + inputSize())} from its raw values
     * at {@code raw[rawOffset ..]}: a picture's 8-bit values (0-255) or a table's cells, with exactly the
     * float32 arithmetic training applied.
     */
    public void prepareInput(float[] raw, int rawOffset, float[] dst, int dstOffset) {
        int n = inputSize();
        if (image != null) {
            for (int i = 0; i < n; i++) dst[dstOffset + i] = raw[rawOffset + i] * ImageSet.PIXEL_SCALE;
        } else {
            System.arraycopy(raw, rawOffset, dst, dstOffset, n);
        }
        scaling.applyInPlace(dst, dstOffset);
    }

    /**
     * What a user gives {@code descent predict} and {@code descent serve} for one sample of this model: a
     * table's feature values, a picture scaled as the model's picture folders were ({@code format: images}),
     * or a picture of a digit made into an MNIST-like field (the built-in sets and IDX sets).
     */
    public enum InputKind { FEATURES, PICTURE, DIGIT }

    /** How one sample of a user's is made into this model's input; see {@link InputKind}. */
    public InputKind inputKind() {
        if (image == null) return InputKind.FEATURES;
        return format.equals("images") ? InputKind.PICTURE : InputKind.DIGIT;
    }

    /**
     * Writes the network input of the picture file {@code file} to {@code dst[offset .. + inputSize())}, as
     * training read the model's picture folders: scaled to {@link #image()}, then the recorded normalisation.
     */
    public void preparePicture(Path file, float[] dst, int offset) {
        requirePictures();
        PictureReader.read(file, image, dst, offset);
        scaling.applyInPlace(dst, offset);
    }

    /** The same for a picture file's {@code bytes} (an upload, {@code name} in messages). */
    public void preparePicture(byte[] bytes, String name, float[] dst, int offset) {
        requirePictures();
        PictureReader.read(bytes, name, image, dst, offset);
        scaling.applyInPlace(dst, offset);
    }

    private void requirePictures() {
        if (image == null) throw new IllegalStateException("a model of a table reads no pictures");
    }

    /**
     * Maps one sample's regression outputs at {@code values[offset .. + outputSize())} to target units, in
     * place.
     */
    public void toTargetUnits(float[] values, int offset) {
        if (task != Task.REGRESSION) throw new IllegalStateException("a classification has no target units");
        targetScaling.toTargetUnits(values, offset);
    }

    @Override
    public String toString() {
        return task + " of " + format + (image != null ? " pictures " + image : " features " + featureNames.size());
    }

    private static String require(String file, Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new DescentException(file + ": metadata key " + key + " is missing; the model file is damaged");
        }
        return v;
    }

    private static List<String> strings(String file, Map<String, String> metadata, String key) {
        try {
            List<String> list = JSON.readValue(require(file, metadata, key), new TypeReference<List<String>>() { });
            if (list == null || list.contains(null)) throw new DescentException(file + ": metadata key " + key
                    + " is not a list of names");
            return list;
        } catch (JsonProcessingException e) {
            throw new DescentException(file + ": metadata key " + key + " is not a JSON list of names");
        }
    }

    private static double[] doubles(String file, Map<String, String> metadata, String key) {
        try {
            double[] values = JSON.readValue(require(file, metadata, key), double[].class);
            if (values == null) {
                throw new DescentException(file + ": metadata key " + key + " is not a list of numbers");
            }
            return values;
        } catch (JsonProcessingException e) {
            throw new DescentException(file + ": metadata key " + key + " is not a JSON list of numbers");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
