package dev.descent.data;

import dev.descent.DescentException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of the MNIST database, gzip-compressed or raw (told apart by the gzip magic
 * bytes, not the name):
 * <pre>
 *   images: int32 2051 | int32 count | int32 rows | int32 cols | count*rows*cols unsigned bytes
 *   labels: int32 2049 | int32 count | count unsigned bytes, each 0..9
 * </pre>
 * Integers are big-endian. Every header field is checked before anything is allocated: a file whose
 * header claims more data than it holds fails at once, without reserving gigabytes.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    static final int MAX_SIDE = 4096;
    /** Java arrays hold at most about 2^31 bytes; no real data set of this kind comes near. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;
    /** A deflate stream cannot expand data by more than about 1032:1. */
    static final long MAX_GZIP_RATIO = 1032;

    private IdxReader() {
    }

    /** Images as read: {@code count} images of {@code rows x cols} bytes. */
    public record Images(byte[] pixels, int count, int rows, int cols) {
    }

    public static Images readImages(Path file) {
        try (Source in = open(file)) {
            int magic = in.header("magic number");
            if (magic != IMAGES_MAGIC) throw wrongMagic(file, magic, IMAGES_MAGIC);
            int count = in.header("image count");
            int rows = in.header("row count");
            int cols = in.header("column count");
            if (count < 0) throw bad(file, "image count " + count + " is negative");
            if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw bad(file, "images of " + rows + "x" + cols + " pixels are not plausible (each side 1.." + MAX_SIDE + ")");
            }
            long bytes = (long) count * rows * cols;
            in.requireAvailable(bytes, "header claims " + count + " images of " + rows + "x" + cols + " (" + bytes + " bytes)");
            byte[] pixels = in.body(bytes, count + " images of " + rows + "x" + cols);
            return new Images(pixels, count, rows, cols);
        }
    }

    public static byte[] readLabels(Path file) {
        try (Source in = open(file)) {
            int magic = in.header("magic number");
            if (magic != LABELS_MAGIC) throw wrongMagic(file, magic, LABELS_MAGIC);
            int count = in.header("label count");
            if (count < 0) throw bad(file, "label count " + count + " is negative");
            in.requireAvailable(count, "header claims " + count + " labels");
            byte[] labels = in.body(count, count + " labels");
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xFF) > 9) {
                    throw bad(file, "label " + (labels[i] & 0xFF) + " of image " + i + " (byte offset " + (8 + i)
                            + ") is outside 0..9");
                }
            }
            return labels;
        }
    }

    private static DescentException wrongMagic(Path file, int magic, int expected) {
        String what = expected == IMAGES_MAGIC ? "an images file (magic 2051)" : "a labels file (magic 2049)";
        String found = switch (magic) {
            case IMAGES_MAGIC -> "an images file (magic 2051)";
            case LABELS_MAGIC -> "a labels file (magic 2049)";
            default -> "magic number " + magic;
        };
        return bad(file, "found " + found + " where " + what + " was expected");
    }

    static DescentException bad(Path file, String problem) {
        return new DescentException(file + ": " + problem);
    }

    private static Source open(Path file) {
        try {
            if (Files.isDirectory(file)) throw bad(file, "is a folder, not an IDX file");
            long size = Files.size(file);
            if (size == 0) throw bad(file, "is empty");
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new Source(file, new DataInputStream(in), gzip, size);
        } catch (NoSuchFileException e) {
            throw bad(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw bad(file, "cannot be read (permission denied)");
        } catch (ZipException e) {
            throw bad(file, "is not a valid gzip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw bad(file, "ends inside its gzip header");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        }
    }

    /** The decoded byte stream of one file, with the checks that need to know how it is stored. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final DataInputStream in;
        private final boolean gzip;
        private final long fileSize;
        private long offset;

        Source(Path file, DataInputStream in, boolean gzip, long fileSize) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.fileSize = fileSize;
        }

        int header(String field) {
            try {
                int v = in.readInt();
                offset += 4;
                return v;
            } catch (EOFException e) {
                throw bad(file, "ends at byte " + offset + " inside the header, before the " + field
                        + (gzip ? " (truncated gzip?)" : ""));
            } catch (IOException e) {
                throw failure(e);
            }
        }

        /** Fails fast when the file cannot possibly hold {@code bytes} more bytes. */
        void requireAvailable(long bytes, String claim) {
            long limit = gzip ? fileSize * MAX_GZIP_RATIO : fileSize - offset;
            if (bytes > MAX_BYTES || bytes > limit) {
                throw bad(file, claim + " but the file " + (gzip ? "is only " + fileSize + " bytes compressed"
                        : "holds only " + (fileSize - offset) + " bytes after its header"));
            }
        }

        /**
         * The next {@code bytes} bytes. readNBytes grows its buffer as data arrives, so a gzip header that
         * claims more than the stream holds costs only what the stream really has.
         */
        byte[] body(long bytes, String what) {
            try {
                byte[] data = in.readNBytes((int) bytes);
                if (data.length < bytes) {
                    throw bad(file, "header claims " + what + " (" + bytes + " bytes) but the data ends after "
                            + data.length + " bytes" + (gzip ? " (truncated?)" : ""));
                }
                if (in.read() >= 0) {
                    throw bad(file, "has bytes after the " + what + " its header announces");
                }
                return data;
            } catch (EOFException e) {
                throw bad(file, "is truncated: its gzip stream ends before the " + what + " its header announces");
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private DescentException failure(IOException e) {
            if (e instanceof ZipException) return bad(file, "is a corrupt gzip file (" + e.getMessage() + ")");
            return bad(file, "cannot be read: " + e.getMessage());
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // Read-only stream: nothing was lost.
            }
        }
    }
}
