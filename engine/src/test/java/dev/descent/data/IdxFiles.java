package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Builds IDX files, well-formed or hostile, for tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] labels(int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABELS_MAGIC).putInt(count).put(labels).array();
    }

    /** count images of rows x cols whose pixel bytes are (i * 7 + j) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        return images(count, rows, cols, pixels);
    }

    /** count labels i mod 10. */
    static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return labels(count, labels);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared data root from $DESCENT_DATA (surefire sets it); skips the test when absent. */
    static Path sharedData() {
        Optional<Path> root = Optional.ofNullable(System.getenv(DataLocator.ENV)).map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("mnist/t10k-images-idx3-ubyte.gz")));
        Assumptions.assumeTrue(root.isPresent(), "DESCENT_DATA does not point at the shared data");
        return root.get();
    }
}
