package dev.descent.data;

import static dev.descent.data.IdxFiles.gzip;
import static dev.descent.data.IdxFiles.images;
import static dev.descent.data.IdxFiles.labels;
import static dev.descent.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.descent.DescentException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static String failure(Executable read) {
        DescentException e = assertThrows(DescentException.class, read);
        assertTrue(!e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
    }

    @Test
    void readsMnistTestImagesAndLabels() {
        Path mnist = IdxFiles.sharedData().resolve("mnist");
        IdxReader.Images images = IdxReader.readImages(mnist.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] labels = IdxReader.readLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.cols());
        assertEquals(10_000 * 28 * 28, images.pixels().length);
        assertEquals(10_000, labels.length);
        assertArrayEquals(new byte[] {7, 2, 1, 0, 4}, Arrays.copyOf(labels, 5));
        // The first test digit, a 7, has ink in the middle and a blank top-left corner.
        assertEquals(0, images.pixels()[0]);
        assertTrue(maxOf(images.pixels(), 0, 784) > 200);
    }

    @Test
    void readsRawFileLikeItsGzipOriginal() throws IOException {
        Path gz = IdxFiles.sharedData().resolve("mnist/t10k-images-idx3-ubyte.gz");
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            raw = in.readAllBytes();
        }
        // Named .gz on purpose: detection goes by content, not by name.
        Path rawFile = write(dir, "raw-but-named.gz", raw);
        IdxReader.Images fromRaw = IdxReader.readImages(rawFile);
        IdxReader.Images fromGzip = IdxReader.readImages(gz);
        assertEquals(fromGzip.count(), fromRaw.count());
        assertArrayEquals(fromGzip.pixels(), fromRaw.pixels());
    }

    @Test
    void readsGzipFileWithoutGzSuffix() {
        Path file = write(dir, "images", gzip(images(3, 2, 4)));
        IdxReader.Images images = IdxReader.readImages(file);
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertArrayEquals(Arrays.copyOfRange(images(3, 2, 4), 16, 16 + 24), images.pixels());
    }

    @Test
    void readsEmptyButWellFormedFiles() {
        assertEquals(0, IdxReader.readImages(write(dir, "i", images(0, 28, 28))).count());
        assertEquals(0, IdxReader.readLabels(write(dir, "l", gzip(labels(0)))).length);
    }

    @Test
    void rejectsEmptyFile() {
        Path file = write(dir, "empty.gz", new byte[0]);
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "is empty");
    }

    @Test
    void rejectsTruncatedHeader() {
        Path file = write(dir, "short", Arrays.copyOf(images(1, 2, 2), 10));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "truncated header",
                "after 10 bytes");
    }

    @Test
    void rejectsTruncatedHeaderInsideGzip() {
        Path file = write(dir, "short.gz", gzip(Arrays.copyOf(labels(3), 6)));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "truncated header", "after 6 bytes");
    }

    @Test
    void rejectsLabelsFileWhereImagesBelong() {
        Path file = write(dir, "labels.gz", gzip(labels(5)));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(),
                "is a labels file (magic 2049) where an images file was expected");
    }

    @Test
    void rejectsImagesFileWhereLabelsBelong() {
        Path file = write(dir, "images", images(1, 2, 2));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(),
                "is an images file (magic 2051) where a labels file was expected");
    }

    @Test
    void rejectsUnknownMagic() {
        byte[] bytes = images(1, 2, 2);
        bytes[2] = 0x0D; // float data, which descent does not read
        Path file = write(dir, "floats", bytes);
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "magic number 3331", "byte offset 0",
                "2051");
    }

    @Test
    void rejectsZeroRows() {
        Path file = write(dir, "flat", images(1, 0, 28, new byte[0]));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "0x28", "1-1024");
    }

    @Test
    void rejectsAbsurdColumns() {
        Path file = write(dir, "wide", images(1, 28, 100_000, new byte[0]));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "28x100000", "1-1024");
    }

    @Test
    void rejectsNegativeCount() {
        Path file = write(dir, "negative", labels(-1, new byte[0]));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "-1 labels", ">= 0");
    }

    @Test
    void rejectsRawFileShorterThanItsHeaderClaims() {
        Path file = write(dir, "short-data", Arrays.copyOf(images(3, 2, 2), 16 + 10));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(),
                "header claims 3 images of 2x2 (12 bytes) but the file holds only 10");
    }

    @Test
    void rejectsGzipFileShorterThanItsHeaderClaims() {
        Path file = write(dir, "short-data.gz", gzip(Arrays.copyOf(images(3, 2, 2), 16 + 10)));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(),
                "header claims 3 images of 2x2 (12 bytes) but the file holds only 10");
    }

    @Test
    void rejectsHugeCountInRawFileWithoutAllocating() {
        Path file = write(dir, "hostile", images(Integer.MAX_VALUE, 28, 28, new byte[100]));
        String message = readCheaply(() -> IdxReader.readImages(file));
        assertMentions(message, file.toString(), "header claims 2147483647 images of 28x28 (1683627179248 bytes)",
                "holds only 100");
    }

    @Test
    void rejectsHugeCountInGzipFileWithoutAllocating() {
        Path file = write(dir, "hostile.gz", gzip(labels(Integer.MAX_VALUE, new byte[] {1, 2, 3})));
        String message = readCheaply(() -> IdxReader.readLabels(file));
        assertMentions(message, file.toString(), "header claims 2147483647 labels");
    }

    @Test
    void rejectsLargeGzipClaimOnceTheStreamEnds() {
        // Below the array limit, so the reader must grow its buffer and notice the early end.
        Path file = write(dir, "claims-1gb.gz", gzip(images(1_000_000, 32, 32, new byte[5000])));
        String message = readCheaply(() -> IdxReader.readImages(file));
        assertMentions(message, file.toString(), "header claims 1000000 images of 32x32 (1024000000 bytes)",
                "holds only 5000");
    }

    /** Runs a read that must fail fast, allocating far less than its file's header claims; returns the message. */
    private static String readCheaply(Executable read) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            String message = failure(read);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 64L << 20, "the read allocated " + allocated + " bytes");
            return message;
        });
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] gz = gzip(images(50, 28, 28));
        Path file = write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "gzip stream is truncated");
    }

    @Test
    void rejectsCorruptGzip() {
        byte[] gz = gzip(images(50, 28, 28));
        for (int i = 20; i < gz.length - 8; i += 3) {
            gz[i] ^= (byte) 0x5A;
        }
        Path file = write(dir, "garbled.gz", gz);
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "gzip");
    }

    @Test
    void rejectsTrailingBytesInRawFile() {
        byte[] bytes = Arrays.copyOf(images(2, 2, 2), 16 + 8 + 3);
        Path file = write(dir, "long", bytes);
        assertMentions(failure(() -> IdxReader.readImages(file)), file.toString(), "3 trailing bytes",
                "byte offset 24");
    }

    @Test
    void rejectsTrailingBytesInGzipFile() {
        Path file = write(dir, "long.gz", gzip(Arrays.copyOf(labels(4), 8 + 4 + 2)));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "2 trailing bytes", "offset 12");
    }

    @Test
    void rejectsLabelOutsideZeroToNine() {
        Path file = write(dir, "labels", labels(3, new byte[] {1, 12, 3}));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "label 12", "byte offset 9", "0-9");
    }

    @Test
    void rejectsLabelAboveOneTwentySevenAsUnsigned() {
        Path file = write(dir, "labels.gz", gzip(labels(2, new byte[] {1, (byte) 200})));
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "label 200", "offset 9");
    }

    @Test
    void rejectsDirectory() {
        assertMentions(failure(() -> IdxReader.readImages(dir)), dir.toString(), "is a directory");
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("absent.gz");
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "does not exist");
    }

    @Test
    void rejectsUnreadableFile() throws IOException {
        Path file = write(dir, "secret", labels(2));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions here");
        }
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        assertMentions(failure(() -> IdxReader.readLabels(file)), file.toString(), "not readable");
    }

    private static int maxOf(byte[] bytes, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, bytes[i] & 0xFF);
        }
        return max;
    }
}
