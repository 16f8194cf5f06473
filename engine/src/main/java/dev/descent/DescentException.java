package dev.descent;

/**
 * A problem the user can fix: a bad config, a corrupt data file, an unknown plugin. The message is
 * one line that says what was wrong, where (file and key path, or file and byte offset) and what is
 * valid. The command line prints it without a stack trace and exits with code 2.
 */
public class DescentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DescentException(String message) {
        super(oneLine(message));
    }

    public DescentException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Line breaks inside quoted values (a YAML block scalar, a file name) are shown as {@code \n}. */
    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }
}
