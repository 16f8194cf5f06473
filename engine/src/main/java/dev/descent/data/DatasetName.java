package dev.descent.data;

import java.util.List;

/**
 * The data sets descent knows by name ({@code data.dataset}), with where their four files are
 * published and the MD5 checksums published with them.
 */
public enum DatasetName {
    MNIST("mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
            "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
    FASHION_MNIST("fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
            "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private final String configName;
    private final String baseUrl;
    private final List<RemoteFile> files;

    DatasetName(String configName, String baseUrl, String trainImages, String trainLabels, String testImages,
                String testLabels) {
        this.configName = configName;
        this.baseUrl = baseUrl;
        this.files = List.of(new RemoteFile(TRAIN_IMAGES, trainImages), new RemoteFile(TRAIN_LABELS, trainLabels),
                new RemoteFile(TEST_IMAGES, testImages), new RemoteFile(TEST_LABELS, testLabels));
    }

    /** The name used in configs and as the folder name under the data root. */
    public String configName() {
        return configName;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The four files in the order train images, train labels, test images, test labels. */
    public List<RemoteFile> files() {
        return files;
    }

    public static DatasetName fromConfig(String name) {
        for (DatasetName d : values()) {
            if (d.configName.equals(name)) return d;
        }
        throw new IllegalArgumentException("unknown data set " + name);
    }
}
