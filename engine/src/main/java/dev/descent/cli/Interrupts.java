package dev.descent.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during training: the first SIGINT asks the run to stop at the end of its mini-batch (it
 * then saves a checkpoint and exits with 130); a second one quits at once, as users expect of a
 * program that does not react fast enough. {@link #close} puts the previous handler back.
 */
final class Interrupts implements AutoCloseable {
    /** 128 + SIGINT, what shells report for a program stopped by Ctrl-C. */
    static final int EXIT_INTERRUPTED = 130;

    private final AtomicInteger count = new AtomicInteger();
    private final SignalHandler previous;

    private Interrupts(PrintWriter err) {
        previous = Signal.handle(new Signal("INT"), signal -> {
            if (count.incrementAndGet() == 1) {
                err.println();
                err.println("descent: stopping at the end of this mini-batch to save a checkpoint (Ctrl-C again quits "
                        + "at once)");
                err.flush();
            } else {
                Runtime.getRuntime().halt(EXIT_INTERRUPTED);
            }
        });
    }

    /** Installs the handler; where signals cannot be handled (some embedded JVMs), none is installed. */
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

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previous);
    }
}
