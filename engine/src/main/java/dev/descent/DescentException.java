package dev.descent;

/**
 * A problem the user can fix: a bad config, a corrupt data file, an unknown plugin. The message is
 * one line that says what was wrong, where (file and key path, or file and byte offset) and what is
 * valid. The command line prints it without a stack trace and exits with code 2.
 */
public class DescentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DescentException(String message) {
        super(message);
    }

    public DescentException(String message, Throwable cause) {
        super(message, cause);
    }
}
