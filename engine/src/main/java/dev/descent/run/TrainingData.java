package dev.descent.run;

import dev.descent.DescentException;
import dev.descent.config.DataConfig;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataDescription;
import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.data.images.IdxImageReader;
import dev.descent.data.images.ImageFolderReader;
import dev.descent.data.images.ImageSet;
import dev.descent.data.images.ImageSize;
import dev.descent.data.normalize.FeatureScaling;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.normalize.TargetScaling;
import dev.descent.data.samples.Task;
import dev.descent.data.table.CsvTableReader;
import dev.descent.data.table.Table;
import dev.descent.data.table.TableColumns;
import dev.descent.data.table.TableSchema;
import dev.descent.spi.ConfigSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training and test sets a config names, ready to train on: a built-in set from the data root
 * (downloaded when missing), or the user's own CSV table, picture folders or IDX pair, with the test set
 * from {@code data.test} or held out of the training set ({@code data.test-split}, seeded), the inputs
 * normalised and regression targets standardised with statistics of the training samples only. Both
 * sets share one {@link DataDescription}, which the model file records.
 */
public final class TrainingData {
    /** Mixed into the seed for the test split, so that it draws apart from the experiment's own streams. */
    private static final long TEST_SPLIT_STREAM = 0x7e57_5917_1dL;

    private TrainingData() {
    }

    /** Reads the data of {@code cfg}; a built-in set under {@code root} (see {@link DataLocator#root}). */
    public static TrainTest load(ExperimentConfig cfg, Path root, Downloader downloader, PrintStream progress) {
        DataConfig data = cfg.data();
        if (data.builtIn()) return DataLocator.load(DatasetName.of(data.dataset(), "data.dataset"), root, downloader,
                progress);
        requireFiles(cfg, "data.train", data.train());
        if (data.test() != null) requireFiles(cfg, "data.test", data.test());
        TrainTest raw = switch (data.format()) {
            case "csv" -> csv(data, cfg.source());
            case "images" -> images(data);
            case "idx" -> idx(data);
            default -> throw new IllegalStateException("data.format " + data.format());
        };
        if (data.test() == null) raw = split(raw.train(), data.testSplit(), cfg.seed());
        return normalise(raw, data);
    }

    /**
     * Which data {@code sets} are, for run.json and checkpoints: a built-in set's four files under {@code
     * root}, or the files the config names.
     */
    public static DataIdentity identity(ExperimentConfig cfg, Path root, TrainTest sets) {
        DataConfig data = cfg.data();
        if (data.builtIn()) {
            DatasetName name = DatasetName.of(data.dataset(), "data.dataset");
            return DataIdentity.of(name, DataLocator.folder(name, root), sets);
        }
        List<Path> files = new ArrayList<>();
        List<DataConfig.DataFiles> splits = data.test() == null ? List.of(data.train())
                : List.of(data.train(), data.test());
        for (DataConfig.DataFiles f : splits) {
            files.add(Path.of(f.file()));
            if (f.labels() != null) files.add(Path.of(f.labels()));
        }
        return DataIdentity.ofFiles(data.format(), files, sets);
    }

    /**
     * Fails, naming the key, the {@code --set} that gave it and the config, when a file or folder the config
     * names does not exist; the readers name whatever else is wrong with it.
     */
    private static void requireFiles(ExperimentConfig cfg, String key, DataConfig.DataFiles files) {
        boolean folder = cfg.data().format().equals("images");
        String imagesKey = files.labels() != null ? key + ".images" : key;
        requireExists(cfg, imagesKey, Path.of(files.file()), folder);
        if (files.labels() != null) requireExists(cfg, key + ".labels", Path.of(files.labels()), false);
    }

    private static void requireExists(ExperimentConfig cfg, String key, Path path, boolean folder) {
        if (Files.exists(path)) return;
        throw new DescentException("%s%s: %s does not exist; expected %s".formatted(key, cfg.source().describe(key),
                path, folder ? "a folder with one subfolder of pictures per class" : "a file"));
    }

    /** {@code cfg} with {@code auto} layers set from the data; fails when a given width contradicts it. */
    public static ExperimentConfig resolve(ExperimentConfig cfg, TrainTest sets) {
        if (cfg.data().builtIn()) return cfg;
        DataDescription d = sets.train().description();
        String outputKind = d.task() == Task.REGRESSION ? "regression targets" : "classes";
        return cfg.withNetwork(cfg.network().resolve(d.inputSize(), d.outputSize(),
                cfg.source().describe("network.layers"), sets.train().source(), outputKind));
    }

    /**
     * Reads a test set for a model trained on data described by {@code description}: a folder of class
     * folders (for a model of pictures), a CSV file (for a model of a table), or an IDX images file with its
     * {@code labels} file; the model's preprocessing is applied.
     */
    public static Dataset readTest(DataDescription description, Path test, Path labels) {
        Dataset set;
        if (Files.isDirectory(test) && description.image() != null) {
            set = Dataset.samples(ImageFolderReader.readTest(test, description.image(), description.classNames(),
                    "the model's training data").samples(), description);
        } else if (description.image() == null) {
            set = Dataset.samples(CsvTableReader.readTest(test, description.schema("the model's training table"))
                    .samples(), description);
        } else if (labels != null && DatasetName.ids().contains(description.format())) {
            set = Dataset.load(test, labels, DatasetName.of(description.format(), "the model's data set"));
            set.requireImageSize(description.inputSize(), "the model's first layer");
        } else {
            if (labels == null) {
                throw new DescentException("--test " + test + " is not a folder of class folders, so it is read as an"
                        + " IDX images file; give its labels file with --test-labels");
            }
            IdxImageReader.Pixels read = IdxImageReader.readTestPixels(test, labels, description.image(),
                    description.classNames(), "the model's training images");
            set = Dataset.pixels(read.source(), read.pixels(), read.index(), description);
        }
        return prepare(set, description);
    }

    private static TrainTest csv(DataConfig data, ConfigSource source) {
        TableColumns columns = new TableColumns(data.label(), data.features(), source);
        Table train = CsvTableReader.readTraining(Path.of(data.train().file()), columns, data.task());
        TableSchema schema = train.schema();
        DataDescription d = DataDescription.table(schema, FeatureScaling.none(schema.features().size()),
                data.task() == Task.REGRESSION ? TargetScaling.none(schema.labels().size()) : null);
        Dataset test = data.test() == null ? null
                : Dataset.samples(CsvTableReader.readTest(Path.of(data.test().file()), schema).samples(), d);
        return new TrainTest(Dataset.samples(train.samples(), d), test);
    }

    private static TrainTest images(DataConfig data) {
        ImageSet train = ImageFolderReader.readTraining(Path.of(data.train().file()), data.image());
        DataDescription d = pictures(data, train.classes(), train.size());
        Dataset test = data.test() == null ? null
                : Dataset.samples(ImageFolderReader.readTest(Path.of(data.test().file()), train).samples(), d);
        return new TrainTest(Dataset.samples(train.samples(), d), test);
    }

    private static TrainTest idx(DataConfig data) {
        IdxImageReader.Pixels train = IdxImageReader.readTrainingPixels(Path.of(data.train().file()),
                Path.of(data.train().labels()));
        DataDescription d = pictures(data, train.classes(), train.size());
        Dataset test = null;
        if (data.test() != null) {
            IdxImageReader.Pixels read = IdxImageReader.readTestPixels(Path.of(data.test().file()),
                    Path.of(data.test().labels()), train.size(), train.classes(), train.source());
            test = Dataset.pixels(read.source(), read.pixels(), read.index(), d);
        }
        return new TrainTest(Dataset.pixels(train.source(), train.pixels(), train.index(), d), test);
    }

    private static DataDescription pictures(DataConfig data, List<String> classes, ImageSize size) {
        return DataDescription.pictures(data.format(), classes, size, FeatureScaling.none(size.inputs()));
    }

    private static TrainTest split(Dataset train, double share, long seed) {
        int held = (int) Math.round(train.count() * share);
        if (held < 1 || held >= train.count()) {
            throw new DescentException(String.format(Locale.ROOT, "data.test-split %s of the %,d samples of %s holds"
                    + " out %d; give a share that leaves samples on both sides, or data.test", share, train.count(),
                    train.source(), held));
        }
        Dataset[] parts = train.split(held, new SplittableRandom(seed ^ TEST_SPLIT_STREAM), "training part",
                "test part");
        return new TrainTest(parts[0], parts[1]);
    }

    /**
     * Fits the normalisation and target scaling on the training set and applies them to both sets (a pixel
     * set becomes floats only when it is normalised beyond / 255). The arrays rewritten are the readers'
     * own, read for this run.
     */
    private static TrainTest normalise(TrainTest raw, DataConfig data) {
        Dataset train = raw.train();
        DataDescription d = train.description();
        if (data.normalize() != Normalization.NONE) {
            train = train.toFeatures();
            d = d.withScaling(FeatureScaling.fit(data.normalize(), train.features(), train.imageSize()));
        }
        if (d.task() == Task.REGRESSION) {
            d = d.withTargetScaling(data.normalizeTargets() ? TargetScaling.fit(train.targets(), d.outputSize())
                    : TargetScaling.none(d.outputSize()));
        }
        return new TrainTest(prepare(train, d), prepare(raw.test(), d));
    }

    /** Applies the preprocessing of {@code d} to a set read for it, in place, and describes it by {@code d}. */
    private static Dataset prepare(Dataset set, DataDescription d) {
        if (d.scaling().method() != Normalization.NONE) {
            set = set.toFeatures();
            d.scaling().applyToAll(set.features());
        }
        if (d.task() == Task.REGRESSION) d.targetScaling().standardizeAll(set.targets());
        return set.withDescription(d);
    }
}
