package dev.descent.data;

import dev.descent.DescentException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a data set on disk and downloads the files it lacks. The data root is the {@code --data}
 * path if given, else the environment variable {@code DESCENT_DATA}, else {@code data/} in the
 * working directory; a data set lives in {@code <root>/<name>/}.
 */
public final class DataLocator {
    /** The environment variable that names the data root. */
    public static final String ENV = "DESCENT_DATA";

    private DataLocator() {}

    /** The data root: {@code explicitRoot} (from {@code --data}) if not null, else $DESCENT_DATA, else {@code data}. */
    public static Path root(Path explicitRoot) {
        String env = System.getenv(ENV);
        Path root = root(explicitRoot, env);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            // Below a file no data set folder can ever be; "put the files in FILE/mnist" would send the user astray.
            String what = Files.isRegularFile(root) ? "is a file, not a folder" : "is not a folder";
            String source = explicitRoot != null ? "--data " + root
                    : env != null && !env.isBlank() ? ENV + " " + root
                    : "the default data root " + root.toAbsolutePath();
            String fix = explicitRoot != null ? "give --data a folder"
                    : env != null && !env.isBlank() ? "set " + ENV + " to a folder"
                            : "set " + ENV + " or --data to a folder";
            throw new DescentException("%s %s: the data root holds one folder per data set (mnist/, fashion-mnist/); %s"
                    .formatted(source, what, fix));
        }
        return root;
    }

    static Path root(Path explicitRoot, String envValue) {
        if (explicitRoot != null) {
            return explicitRoot;
        }
        if (envValue != null && !envValue.isBlank()) {
            return Path.of(envValue);
        }
        return Path.of("data");
    }

    /** The folder of data set {@code name} under the data root chosen as by {@link #root(Path)}. */
    public static Path folder(DatasetName name, Path explicitRoot) {
        return root(explicitRoot).resolve(name.id());
    }

    /**
     * Loads the training and test splits of {@code name}, first downloading any missing file with
     * {@code downloader} (progress to {@code progress}). Files already present are checked for
     * structure only, not checksum: a user may bring a subset of the published data.
     */
    public static TrainTest load(DatasetName name, Path explicitRoot, Downloader downloader, PrintStream progress) {
        Path folder = folder(name, explicitRoot);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DescentException("%s should be a folder holding the %s files, but it is a file"
                    .formatted(folder, name.id()));
        }
        for (RemoteFile file : name.files()) {
            Path path = folder.resolve(file.name());
            // exists() is false for a dangling link too; the reader then names the exact problem.
            if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
                downloader.download(name, file, folder, progress);
            }
        }
        Dataset train = Dataset.load(folder.resolve(name.trainImages().name()),
                folder.resolve(name.trainLabels().name()), name);
        Dataset test = Dataset.load(folder.resolve(name.testImages().name()), folder.resolve(name.testLabels().name()),
                name);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DescentException("images in %s are %dx%d but images in %s are %dx%d; both splits need one size"
                    .formatted(train.source(), train.rows(), train.cols(), test.source(), test.rows(), test.cols()));
        }
        return new TrainTest(train, test);
    }
}
