package dev.descent.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training or a sweep: the first signal asks the run to stop at
 * the end of its mini-batch (it then saves a checkpoint and exits with 128 + the signal's number: 130
 * for Ctrl-C, 143 for SIGTERM, what shells and schedulers expect); a second one quits at once, as
 * users expect of a program that does not react fast enough. SIGTERM is what schedulers, containers
 * and Spark send to stop work, so it gets the same chance to save as Ctrl-C. {@link #close} puts the
 * previous handlers back.
 */
final class Interrupts implements AutoCloseable {
    /** 128 + SIGINT, what shells report for a program stopped by Ctrl-C. */
    static final int EXIT_INTERRUPTED = 130;
    /** 128 + SIGTERM. */
    static final int EXIT_TERMINATED = 143;

    private final AtomicInteger count = new AtomicInteger();
    /** The exit code of the first signal, 0 before any. */
    private volatile int exitCode;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interrupts(PrintWriter err) {
        handle(new Signal("INT"), EXIT_INTERRUPTED, "", "Ctrl-C again", err);
        try {
            handle(new Signal("TERM"), EXIT_TERMINATED, "SIGTERM: ", "another SIGTERM", err);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // A JVM run with -Xrs keeps SIGTERM for itself: it then stops the run at once, as before.
        }
    }

    private void handle(Signal signal, int code, String name, String again, PrintWriter err) {
        previous.add(Signal.handle(signal, s -> {
            if (count.incrementAndGet() == 1) {
                exitCode = code;
                err.println();
                err.println("descent: " + name + "stopping at the end of this mini-batch to save a checkpoint ("
                        + again + " quits at once)");
                err.flush();
            } else {
                Runtime.getRuntime().halt(exitCode);
            }
        }));
        signals.add(signal);
    }

    /** Installs the handlers; where signals cannot be handled (some embedded JVMs), none is installed. */
    static Interrupts install(PrintWriter err) {
        try {
            return new Interrupts(err);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    boolean requested() {
        return count.get() > 0;
    }

    /** What the command exits with once it has stopped: 130 after Ctrl-C, 143 after SIGTERM. */
    int exitCode() {
        return exitCode != 0 ? exitCode : EXIT_INTERRUPTED;
    }

    /** What stopped the run, for its last lines. */
    String what() {
        return exitCode == EXIT_TERMINATED ? "stopped by SIGTERM" : "interrupted";
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) Signal.handle(signals.get(i), previous.get(i));
    }
}
