package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ProgressBar bar = new ProgressBar(new PrintWriter(text), 30, now::get);

    @Test
    void showsSamplesRateCostAndTimeLeft() {
        String line = bar.line(2, 15_000, 60_000, 1_500.0, 0.5);
        assertEquals("epoch 3/30 [######------------------] 15,000/60,000  30,000 samples/s  cost 0.10000  ETA 1.5 s",
                line);
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        for (int i = 1; i <= 100; i++) {
            bar.update(0, i * 100L, 60_000, i, i * 0.001);
            now.addAndGet(5_000_000L);       // an update every 5 ms: 0.5 s in all
        }
        long draws = text.toString().chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 5 && draws <= 6, draws + " redraws in 0.5 s");
    }

    @Test
    void clearBlanksTheLineAndTheNextUpdateDrawsAtOnce() {
        bar.update(0, 100, 60_000, 1, 0.01);
        int drawn = text.toString().length();
        bar.clear();
        String cleared = text.toString().substring(drawn);
        assertTrue(cleared.startsWith("\r") && cleared.endsWith("\r") && cleared.strip().isEmpty(), cleared);
        bar.update(1, 100, 60_000, 1, 0.01);      // no time has passed, but the line was cleared
        assertTrue(text.toString().endsWith("ETA 6.0 s") || text.toString().contains("epoch 2/30"), text.toString());
    }

    @Test
    void aShorterLineOverwritesTheRestOfALongerOne() {
        bar.update(0, 59_999, 60_000, 1e9, 1000);
        int longer = text.toString().length() - 1;
        now.addAndGet(1_000_000_000L);
        bar.update(0, 1, 60_000, 0, 0);
        String last = text.toString().substring(text.toString().lastIndexOf('\r') + 1);
        assertTrue(last.length() >= longer, "padded to " + longer + ": '" + last + "'");
    }
}
