package dev.descent.data;

import dev.descent.DescentException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The data sets descent knows how to fetch: their folder name, download location and published checksums. */
public enum DatasetName {
    MNIST("mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
            "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
    FASHION_MNIST("fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
            "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310");

    private final String id;
    private final URI baseUrl;
    private final RemoteFile trainImages;
    private final RemoteFile trainLabels;
    private final RemoteFile testImages;
    private final RemoteFile testLabels;

    DatasetName(String id, String baseUrl, String trainImagesMd5, String trainLabelsMd5,
            String testImagesMd5, String testLabelsMd5) {
        this.id = id;
        this.baseUrl = URI.create(baseUrl);
        this.trainImages = new RemoteFile("train-images-idx3-ubyte.gz", trainImagesMd5);
        this.trainLabels = new RemoteFile("train-labels-idx1-ubyte.gz", trainLabelsMd5);
        this.testImages = new RemoteFile("t10k-images-idx3-ubyte.gz", testImagesMd5);
        this.testLabels = new RemoteFile("t10k-labels-idx1-ubyte.gz", testLabelsMd5);
    }

    /** The kebab-case name used in configs and as the folder name under the data root. */
    public String id() {
        return id;
    }

    /** Where the files are published; a file's URL is this plus its name. */
    public URI baseUrl() {
        return baseUrl;
    }

    public RemoteFile trainImages() {
        return trainImages;
    }

    public RemoteFile trainLabels() {
        return trainLabels;
    }

    public RemoteFile testImages() {
        return testImages;
    }

    public RemoteFile testLabels() {
        return testLabels;
    }

    /** The ids of every built-in set. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(DatasetName::id).toList();
    }

    /** The four files in the order train images, train labels, test images, test labels. */
    public List<RemoteFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * The data set called {@code id} ({@code mnist}, {@code fashion-mnist}); {@code where} names the config key for the
     * error.
     */
    public static DatasetName of(String id, String where) {
        for (DatasetName name : values()) {
            if (name.id.equals(id)) {
                return name;
            }
        }
        throw new DescentException("unknown data set '%s' at %s; available: %s".formatted(id, where,
                Arrays.stream(values()).map(DatasetName::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
