package dev.descent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import picocli.CommandLine;

/** Runs the descent command line in-process and captures what it prints. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /**
     * Runs the command line and calls {@code action} once, as soon as standard output contains
     * {@code trigger}: a fault injected at a known point of a run (after an epoch's line, say).
     */
    static Result runWithHook(String trigger, Runnable action, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Writer hooked = new Writer() {
            private boolean fired;

            @Override
            public void write(char[] buffer, int offset, int length) {
                out.write(buffer, offset, length);
                if (!fired && out.toString().contains(trigger)) {
                    fired = true;
                    action.run();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(hooked, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
