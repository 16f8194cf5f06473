package dev.descent.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Says what a path that should be a regular file is instead, for messages: "does not exist" is wrong
 * for a named pipe or a link to {@code /dev/zero}, and the user then looks for the wrong problem.
 */
public final class FileKinds {
    // The file-type bits of st_mode (sys/stat.h).
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private FileKinds() {
    }

    /**
     * Why {@code path} is not a regular file, as the end of a sentence that starts with the path:
     * "does not exist", "is a folder", "is a named pipe (FIFO), not a regular file", "is a link to
     * /dev/zero, a character device, not a regular file". Only meaningful when
     * {@link Files#isRegularFile} is false.
     */
    public static String notRegular(Path path) {
        if (Files.isSymbolicLink(path)) {
            Path target;
            try {
                target = Files.readSymbolicLink(path);
            } catch (IOException e) {
                return "is a symbolic link that cannot be read (" + e.getMessage() + ")";
            }
            if (!Files.exists(path)) {
                return "is a symbolic link to " + target + ", which does not exist";
            }
            return "is a link to " + target + ", " + article(path) + ", not a regular file";
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return "does not exist";
        if (Files.isDirectory(path)) return "is a folder";
        return "is " + article(path) + ", not a regular file";
    }

    /** "a folder", "a named pipe (FIFO)", "a character device" ...: what {@code path} (links followed) is. */
    private static String article(Path path) {
        if (Files.isDirectory(path)) return "a folder";
        if (Files.isRegularFile(path)) return "a regular file";
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
            return switch (type) {
                case S_IFIFO -> "a named pipe (FIFO)";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" attribute view (not a POSIX file system): the general word still tells the user.
            return "a special file (a pipe, device or socket)";
        }
    }
}
