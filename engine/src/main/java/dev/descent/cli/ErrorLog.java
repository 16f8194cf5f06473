package dev.descent.cli;

import dev.descent.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Internal errors (bugs, exit code 1) reach the user as one line; the stack trace goes to a file that
 * the line names: {@code error.log} in the run folder when the command has one, else a
 * {@code descent-error-*.log} in the system's temporary folder. {@code --verbose} also prints it.
 */
final class ErrorLog {
    static final String FILE = "error.log";

    private ErrorLog() {
    }

    /** Prints the one line (and with {@code verbose} the trace) and writes the log; returns exit code 1. */
    static int report(Throwable e, Path runFolder, List<String> args, PrintWriter err, boolean verbose) {
        String trace = trace(e);
        String where;
        try {
            Path log = write(trace, runFolder, args);
            where = "; the stack trace is in " + log;
        } catch (IOException | RuntimeException failure) {
            where = "; no log could be written (" + failure.getMessage() + ")";
        }
        String what = e instanceof OutOfMemoryError ? "out of memory" : "internal error";
        err.println("descent: " + what + ": " + oneLine(e.toString()) + where
                + (verbose ? "" : " (--verbose prints it)"));
        if (verbose) err.print(trace);
        err.flush();
        return Main.EXIT_INTERNAL;
    }

    static Path write(String trace, Path runFolder, List<String> args) throws IOException {
        Path log;
        if (runFolder != null && Files.isDirectory(runFolder)) {
            log = runFolder.resolve(FILE);
        } else {
            log = Files.createTempFile("descent-error-", ".log");
        }
        String text = "descent " + Version.get() + ", Java " + System.getProperty("java.version") + ", "
                + OffsetDateTime.now() + "\ncommand: descent " + String.join(" ", args) + "\n\n" + trace;
        AtomicFiles.writeString(log, text);
        return log;
    }

    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text, true));
        return text.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
