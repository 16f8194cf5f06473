package dev.descent.data;

import dev.descent.DescentException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of the MNIST database, gzip-compressed or raw (told apart by the gzip
 * magic bytes, not by the file name), and checks their structure.
 *
 * <pre>
 * images: int32 magic 2051 | int32 count | int32 rows | int32 cols | count*rows*cols unsigned bytes
 * labels: int32 magic 2049 | int32 count | count unsigned bytes, each 0-9 (or below the classes asked for)
 * </pre>
 *
 * All ints are big-endian. A header is never trusted for an allocation: raw files are checked
 * against their size first, and gzip data is read into a buffer that grows only as bytes arrive.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images (type 0x08, three dimensions). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte labels (type 0x08, one dimension). */
    public static final int LABELS_MAGIC = 2049;
    /** Largest accepted image side, in pixels; MNIST's is 28. */
    public static final int MAX_SIDE = 1024;
    /** Largest number of data bytes one file may hold: the largest array most JVMs allocate. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    // A hostile gzip header can claim up to MAX_DATA_BYTES; start small and grow as data arrives.
    private static final int INITIAL_BUFFER = 1 << 24;
    private static final int NUMBER_OF_CLASSES = 10;

    private IdxReader() {}

    /**
     * The images of one IDX file: {@code pixels[i * rows * cols + r * cols + c]} is pixel (r, c) of image i, unsigned.
     */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {}

    /** Reads an images file (magic 2051). */
    public static Images readImages(Path file) {
        try (Source in = open(file, 16)) {
            int magic = in.readInt();
            requireMagic(file, magic, IMAGES_MAGIC);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0) {
                throw error(file, "header says %d images at byte offset 4; the count must be >= 0".formatted(count));
            }
            if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw error(file, "header says images are %dx%d at byte offset 8; rows and cols must be 1-%d"
                        .formatted(rows, cols, MAX_SIDE));
            }
            long bytes = (long) count * rows * cols;
            String claim = "header claims %d images of %dx%d (%d bytes)".formatted(count, rows, cols, bytes);
            byte[] pixels = in.readData(bytes, claim);
            return new Images(file, count, rows, cols, pixels);
        }
    }

    /** Reads a labels file (magic 2049); the labels are 0-9. */
    public static byte[] readLabels(Path file) {
        return readLabels(file, NUMBER_OF_CLASSES);
    }

    /**
     * Reads a labels file (magic 2049) of a data set with {@code classes} classes (1-256): every label
     * is an unsigned byte below {@code classes}; read it with {@code & 0xFF} (EMNIST has 62 classes,
     * a label may be above 127).
     */
    public static byte[] readLabels(Path file, int classes) {
        if (classes < 1 || classes > 256) throw new IllegalArgumentException("classes must be 1-256: " + classes);
        try (Source in = open(file, 8)) {
            int magic = in.readInt();
            requireMagic(file, magic, LABELS_MAGIC);
            int count = in.readInt();
            if (count < 0) {
                throw error(file, "header says %d labels at byte offset 4; the count must be >= 0".formatted(count));
            }
            byte[] labels = in.readData(count, "header claims %d labels (%d bytes)".formatted(count, count));
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xFF) >= classes) {
                    throw error(file, "label %d at %s %d; labels must be 0-%d"
                            .formatted(labels[i] & 0xFF, in.offsetWord(), 8 + i, classes - 1));
                }
            }
            return labels;
        }
    }

    private static void requireMagic(Path file, int magic, int expected) {
        if (magic == expected) {
            return;
        }
        String want = expected == IMAGES_MAGIC ? "an images file" : "a labels file";
        if (magic == IMAGES_MAGIC || magic == LABELS_MAGIC) {
            String is = magic == IMAGES_MAGIC ? "an images file" : "a labels file";
            throw error(file, "is %s (magic %d) where %s was expected".formatted(is, magic, want));
        }
        throw error(file, "has magic number %d at byte offset 0; expected %d (%s in IDX format)"
                .formatted(magic, expected, want));
    }

    static DescentException error(Path file, String problem) {
        return new DescentException(file + ": " + problem);
    }

    private static Source open(Path file, int headerBytes) {
        if (Files.isDirectory(file)) {
            throw error(file, "is a directory; expected an IDX file");
        }
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                throw error(file, "is a symbolic link that cannot be opened: its target is missing or the links loop");
            }
            throw error(file, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            // A named pipe or a device would block or never end; an IDX file is a plain file.
            throw error(file, "is not a regular file (a pipe, socket or device); expected an IDX file");
        }
        if (!Files.isReadable(file)) {
            throw error(file, "is not readable; check its permissions");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw error(file, "is empty; expected an IDX file");
            }
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (gzip) {
                return new Source(file, new GZIPInputStream(raw, 1 << 16), -1, headerBytes);
            }
            return new Source(file, raw, size, headerBytes);
        } catch (NoSuchFileException e) {
            throw error(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw error(file, "is not readable; check its permissions");
        } catch (EOFException e) {
            throw error(file, "gzip stream is truncated (%s)".formatted(e.getMessage()));
        } catch (ZipException e) {
            throw error(file, "is corrupt gzip (%s)".formatted(e.getMessage()));
        } catch (IOException e) {
            throw error(file, "cannot be read (%s)".formatted(e));
        }
    }

    /** The byte stream of one file, uncompressed, with the position for messages. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final long rawSize; // -1 for gzip: the uncompressed length is unknown until read
        private final int headerBytes;
        private long offset;

        Source(Path file, InputStream in, long rawSize, int headerBytes) {
            this.file = file;
            this.in = in;
            this.rawSize = rawSize;
            this.headerBytes = headerBytes;
        }

        String offsetWord() {
            return rawSize < 0 ? "uncompressed byte offset" : "byte offset";
        }

        int readInt() {
            byte[] b = new byte[4];
            int n = read(b, 0, 4);
            if (n < 4) {
                throw error(file, "truncated header: the %s ends after %d bytes; an IDX %s header is %d bytes"
                        .formatted(rawSize < 0 ? "uncompressed data" : "file", offset,
                                headerBytes == 16 ? "images" : "labels", headerBytes));
            }
            return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }

        /** Reads exactly {@code bytes} data bytes and checks that nothing follows them. */
        byte[] readData(long bytes, String claim) {
            if (rawSize >= 0 && offset + bytes > rawSize) {
                throw error(file, "%s but the file holds only %d".formatted(claim, rawSize - offset));
            }
            if (bytes > MAX_DATA_BYTES) {
                throw error(file, "%s, more than the %d one file may hold".formatted(claim, MAX_DATA_BYTES));
            }
            long memory = Runtime.getRuntime().maxMemory();
            if (bytes > memory / 2) {
                // Refused before reading: a few megabytes of gzip can hold gigabytes.
                throw error(file, "%s, more than half the %d MiB the JVM may use (raise -Xmx via JAVA_OPTS)"
                        .formatted(claim, memory >> 20));
            }
            byte[] data = new byte[(int) Math.min(bytes, INITIAL_BUFFER)];
            int n = 0;
            while (n < bytes) {
                if (n == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(bytes, 2L * data.length));
                }
                int r = read(data, n, data.length - n);
                if (r <= 0) {
                    throw error(file, "%s but the file holds only %d".formatted(claim, n));
                }
                n += r;
            }
            long end = offset;
            long trailing = rawSize >= 0 ? rawSize - end : countRest();
            if (trailing > 0) {
                throw error(file,
                        "has %d trailing bytes after the data, starting at %s %d; the header accounts for %d bytes"
                        .formatted(trailing, offsetWord(), end, end));
            }
            return data;
        }

        private long countRest() {
            try {
                return in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private int read(byte[] b, int off, int len) {
            try {
                int total = 0;
                while (total < len) {
                    int r = in.read(b, off + total, len - total);
                    if (r < 0) {
                        break;
                    }
                    total += r;
                    offset += r; // kept current so that a failing read reports where the data broke
                }
                return total;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private DescentException failure(IOException e) {
            if (e instanceof EOFException) {
                return error(file, "gzip stream is truncated after %d uncompressed bytes; the file is incomplete"
                        .formatted(offset));
            }
            if (e instanceof ZipException) {
                return error(file,
                        "is corrupt gzip after %d uncompressed bytes (%s)".formatted(offset, e.getMessage()));
            }
            return error(file, "cannot be read (%s)".formatted(e));
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // Everything needed has been read; a failing close loses nothing.
            }
        }
    }
}
