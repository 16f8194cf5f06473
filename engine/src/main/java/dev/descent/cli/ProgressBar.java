package dev.descent.cli;

import dev.descent.training.listener.ProgressListener;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of the running epoch on one terminal line, redrawn in place at most ten times a
 * second: a bar, samples done, samples per second, the running mean cost and the time left in the
 * epoch. {@link #clear} blanks the line so that the epoch's log line can take its place.
 */
final class ProgressBar implements ProgressListener.Display {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final int epochs;
    private final LongSupplier clock;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnLength;

    ProgressBar(PrintWriter out, int epochs, LongSupplier clock) {
        this.out = out;
        this.epochs = epochs;
        this.clock = clock;
    }

    /** True when stderr is an interactive terminal: pipes and CI logs get no progress bar. */
    static boolean terminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void update(int epoch, long samplesDone, long samplesTotal, double costSum, double seconds) {
        long now = clock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        String line = line(epoch, samplesDone, samplesTotal, costSum, seconds);
        // Pad with spaces over what a longer previous line left behind.
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    String line(int epoch, long samplesDone, long samplesTotal, double costSum, double seconds) {
        double fraction = samplesTotal > 0 ? (double) samplesDone / samplesTotal : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? samplesDone / seconds : 0;
        double eta = rate > 0 ? (samplesTotal - samplesDone) / rate : 0;
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %,d/%,d  %,.0f samples/s  cost %.5f  ETA %.1f s",
                epoch + 1, epochs, "#".repeat(filled), "-".repeat(WIDTH - filled), samplesDone, samplesTotal, rate,
                samplesDone > 0 ? costSum / samplesDone : 0, eta);
    }

    /** Blanks the progress line; the next update draws at once. */
    void clear() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            out.flush();
        }
        drawnLength = 0;
        lastDraw = Long.MIN_VALUE;
    }
}
