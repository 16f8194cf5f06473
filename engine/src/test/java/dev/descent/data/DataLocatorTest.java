package dev.descent.data;

import static dev.descent.data.IdxFiles.gzip;
import static dev.descent.data.IdxFiles.images;
import static dev.descent.data.IdxFiles.labels;
import static dev.descent.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path dir;

    private final LocalServer server = new LocalServer();
    private final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void explicitRootWinsOverEnvironment() {
        assertEquals(dir, DataLocator.root(dir, "/from/env"));
        assertEquals(Path.of("/from/env"), DataLocator.root(null, "/from/env"));
        assertEquals(Path.of("data"), DataLocator.root(null, null));
        assertEquals(Path.of("data"), DataLocator.root(null, " "));
        assertEquals(dir.resolve("fashion-mnist"), DataLocator.folder(DatasetName.FASHION_MNIST, dir));
    }

    @Test
    void explicitRootWinsOverTheRealEnvironment() {
        String env = System.getenv(DataLocator.ENV);
        Assumptions.assumeTrue(env != null, "surefire sets DESCENT_DATA");
        assertEquals(Path.of(env), DataLocator.root(null));
        assertEquals(dir, DataLocator.root(dir));
    }

    @Test
    void downloadsMissingFilesOnly() throws IOException {
        Path shared = IdxFiles.sharedData().resolve("mnist");
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        Files.copy(shared.resolve("train-images-idx3-ubyte.gz"), folder.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(shared.resolve("train-labels-idx1-ubyte.gz"), folder.resolve("train-labels-idx1-ubyte.gz"));
        // The shared test files are the published ones, so they pass the canonical checksums.
        server.serve("t10k-images-idx3-ubyte.gz", Files.readAllBytes(shared.resolve("t10k-images-idx3-ubyte.gz")))
                .serve("t10k-labels-idx1-ubyte.gz", Files.readAllBytes(shared.resolve("t10k-labels-idx1-ubyte.gz")));

        TrainTest data = DataLocator.load(DatasetName.MNIST, dir, new Downloader(server.base()), progress);

        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), server.requests);
        assertEquals(10_000, data.test().count());
        assertEquals(7, data.test().label(0));
        assertEquals(784, data.train().imageSize());
        assertTrue(Files.isRegularFile(folder.resolve("t10k-images-idx3-ubyte.gz")));
    }

    @Test
    void doesNotDownloadOrChecksumFilesAlreadyPresent() {
        // Tiny files: their checksums are certainly not the published ones.
        Path folder = dir.resolve("mnist");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        write(folder, "train-images-idx3-ubyte.gz", gzip(images(6, 28, 28)));
        write(folder, "train-labels-idx1-ubyte.gz", gzip(labels(6)));
        write(folder, "t10k-images-idx3-ubyte.gz", images(3, 28, 28));
        write(folder, "t10k-labels-idx1-ubyte.gz", labels(3));

        TrainTest data = DataLocator.load(DatasetName.MNIST, dir, new Downloader(server.base()), progress);

        assertEquals(List.of(), server.requests);
        assertEquals(6, data.train().count());
        assertEquals(3, data.test().count());
        assertEquals(2, data.test().label(2));
    }

    @Test
    void reportsCorruptPresentFileInsteadOfDownloadingIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        write(folder, "train-images-idx3-ubyte.gz", images(2, 28, 28));
        Path labels = write(folder, "train-labels-idx1-ubyte.gz", labels(3));
        write(folder, "t10k-images-idx3-ubyte.gz", images(2, 28, 28));
        write(folder, "t10k-labels-idx1-ubyte.gz", labels(2));
        DescentException e = assertThrows(DescentException.class,
                () -> DataLocator.load(DatasetName.MNIST, dir, new Downloader(server.base()), progress));
        assertTrue(e.getMessage().contains(labels + " has 3 labels"), e.getMessage());
        assertEquals(List.of(), server.requests);
    }

    @Test
    void rejectsDataSetFolderThatIsAFile() {
        Path folder = write(dir, "mnist", new byte[0]);
        DescentException e = assertThrows(DescentException.class,
                () -> DataLocator.load(DatasetName.MNIST, dir, new Downloader(server.base()), progress));
        assertTrue(e.getMessage().contains(folder + " should be a folder"), e.getMessage());
    }

    @Test
    void rejectsSplitsOfDifferentImageSizes() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        write(folder, "train-images-idx3-ubyte.gz", images(2, 28, 28));
        write(folder, "train-labels-idx1-ubyte.gz", labels(2));
        write(folder, "t10k-images-idx3-ubyte.gz", images(2, 14, 14));
        write(folder, "t10k-labels-idx1-ubyte.gz", labels(2));
        DescentException e = assertThrows(DescentException.class,
                () -> DataLocator.load(DatasetName.MNIST, dir, new Downloader(server.base()), progress));
        assertTrue(e.getMessage().contains("are 28x28 but images in") && e.getMessage().contains("14x14"),
                e.getMessage());
        assertEquals(List.of(), server.requests);
    }
}
