package dev.descent.data;

import dev.descent.DescentException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a named data set on disk and fetches what is missing. The data root is {@code --data} when
 * given, else the environment variable {@code DESCENT_DATA}, else {@code data/} in the working
 * directory; the data set's files are in {@code <root>/<name>/}. Files already present are checked by
 * their structure when read, not by checksum: users bring their own subsets in the same format.
 */
public final class DataLocator {
    public static final String ENVIRONMENT = "DESCENT_DATA";

    private final Downloader downloader;
    private final String baseUrlOverride;

    /** A locator that downloads from each data set's published location. */
    public DataLocator() {
        this(new Downloader(), null);
    }

    /** A locator whose downloads come from {@code baseUrlOverride} (tests use a local server). */
    public DataLocator(Downloader downloader, String baseUrlOverride) {
        this.downloader = downloader;
        this.baseUrlOverride = baseUrlOverride;
    }

    /** The data root: the explicit one if not null, else $DESCENT_DATA, else data/. */
    public static Path root(Path explicit) {
        if (explicit != null) return explicit;
        String env = System.getenv(ENVIRONMENT);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("data");
    }

    /** Loads the data set, downloading any of its four files that is missing. */
    public static TrainTest load(DatasetName name, Path explicitRoot, PrintStream progress) {
        return new DataLocator().locate(name, explicitRoot, progress);
    }

    public TrainTest locate(DatasetName name, Path explicitRoot, PrintStream progress) {
        Path folder = root(explicitRoot).resolve(name.configName());
        fetchMissing(name, folder, progress);
        return new TrainTest(
                Dataset.load(folder.resolve(DatasetName.TRAIN_IMAGES), folder.resolve(DatasetName.TRAIN_LABELS)),
                Dataset.load(folder.resolve(DatasetName.TEST_IMAGES), folder.resolve(DatasetName.TEST_LABELS)));
    }

    private void fetchMissing(DatasetName name, Path folder, PrintStream progress) {
        List<RemoteFile> missing = name.files().stream().filter(f -> !Files.exists(folder.resolve(f.name()))).toList();
        String base = baseUrlOverride != null ? baseUrlOverride : name.baseUrl();
        for (RemoteFile file : missing) {
            if (progress != null) progress.printf("descent: %s is missing; downloading it from %s%n", folder.resolve(file.name()), base);
            try {
                downloader.download(base, file, folder, progress);
            } catch (Downloader.UnreachableException e) {
                String names = name.files().stream().map(RemoteFile::name).collect(Collectors.joining(", "));
                throw new DescentException(e.getMessage() + ". Offline? Put " + names + " in " + folder.toAbsolutePath()
                        + ", or point --data or " + ENVIRONMENT + " at a folder that has " + name.configName() + "/ with them");
            }
        }
    }
}
