package dev.descent.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader, or a run killed half-way, sees either the previous complete file or
 * the new complete file, never a part: the bytes go to a temporary name in the same folder, are forced
 * to disk, and the file is renamed over the target. The file gets the permissions any other tool would
 * give it (0666 less the umask), so a shared run folder or a web server can read it.
 */
public final class AtomicFiles {
    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /** The producer of a file's bytes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty file {@code prefix + random + suffix} in {@code folder}, created with the process's
     * umask. {@link Files#createTempFile} would do the same with mode 0600, which the rename then
     * carries to the final file: right for a secret in /tmp, wrong for results meant to be shared.
     */
    public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path temp = folder.resolve(prefix + random + suffix);
            try {
                // CREATE_NEW without file attributes: the operating system applies the umask.
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 == NAME_ATTEMPTS) throw e;
            }
        }
    }
}
