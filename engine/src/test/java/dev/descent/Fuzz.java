package dev.descent;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A small fuzzing harness for the readers of untrusted files: it feeds a target generated inputs
 * (valid files with structured mutations) for a time budget and fails on the first input that makes
 * the target throw anything but a {@link DescentException}, run longer than {@link #HANG_SECONDS}, or
 * allocate more than {@link #allocationLimit} bytes (what a small hostile file must never make a
 * reader do: the heap of a test JVM is too large for a real OutOfMemoryError to show it).
 *
 * <p>Budget: {@code -Ddescent.fuzz.seconds=N} per target (default 2, for CI) or
 * {@code -Ddescent.fuzz.tries=N} inputs. Every input is drawn from its own seed; a failure prints it,
 * {@code -Ddescent.fuzz.replay=S} runs just that input, and {@code -Ddescent.fuzz.seed=S} starts a run
 * from another root seed. Each run prints one line:
 * the target, how many inputs, how many loaded and how many were refused.
 */
public final class Fuzz {
    /** An input that takes longer than this is reported as a hang. */
    public static final int HANG_SECONDS = Integer.getInteger("descent.fuzz.hang-seconds", 20);
    private static final double SECONDS = Double.parseDouble(System.getProperty("descent.fuzz.seconds", "2"));
    private static final long TRIES = Long.getLong("descent.fuzz.tries", Long.MAX_VALUE);
    private static final long ROOT_SEED = Long.getLong("descent.fuzz.seed", 20261129L);
    private static final Long REPLAY = Long.getLong("descent.fuzz.replay");

    private Fuzz() {
    }

    /** What is done with one input; returning normally means it loaded. */
    @FunctionalInterface
    public interface Target<T> {
        void accept(T input) throws Exception;
    }

    /** The outcome of a run, for tests that want more than "no failure". */
    public record Result(long inputs, long loaded, long refused, double seconds) {
    }

    /**
     * Runs {@code target} on inputs from {@code generator} until the budget is spent; {@code size}
     * gives an input's length in bytes, which scales the allocation limit.
     */
    public static <T> Result run(String name, Function<SplittableRandom, T> generator, Target<T> target,
                                 Function<T, Integer> size) {
        AtomicLong inputs = new AtomicLong();
        AtomicLong loaded = new AtomicLong();
        AtomicLong started = new AtomicLong(System.nanoTime());
        AtomicLong currentSeed = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + (long) (SECONDS * 1e9);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

        Thread worker = Thread.ofPlatform().daemon().name("fuzz-" + name).unstarted(() -> {
            try {
                SplittableRandom root = new SplittableRandom(ROOT_SEED ^ name.hashCode());
                long tries = REPLAY != null ? 1 : TRIES;
                while (inputs.get() < tries && (REPLAY != null || System.nanoTime() < deadline)
                        && failure.get() == null) {
                    long seed = REPLAY != null ? REPLAY : root.nextLong();
                    currentSeed.set(seed);
                    T input = generator.apply(new SplittableRandom(seed));
                    long before = threads.getCurrentThreadAllocatedBytes();
                    started.set(System.nanoTime());
                    try {
                        target.accept(input);
                        loaded.incrementAndGet();
                    } catch (DescentException e) {
                        // Refused with a message for the user: what every bad input must get.
                        if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                            failure.set(describe(name, seed, input, "a DescentException without a one-line message: "
                                    + e.getMessage(), null));
                        }
                    } catch (Throwable e) {
                        failure.set(describe(name, seed, input, "threw " + e, e));
                    }
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    long limit = allocationLimit(size.apply(input));
                    if (failure.get() == null && allocated > limit) {
                        failure.set(describe(name, seed, input, String.format(Locale.ROOT,
                                "allocated %,d bytes for a %,d-byte input (limit %,d)", allocated, size.apply(input),
                                        limit), null));
                    }
                    inputs.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.set(describe(name, currentSeed.get(), "(not generated)",
                        "broke the generator or the harness: " + e, e));
            }
        });
        long start = System.nanoTime();
        worker.start();
        try {
            while (worker.isAlive()) {
                worker.join(200);
                if (worker.isAlive() && System.nanoTime() - started.get() > HANG_SECONDS * 1_000_000_000L) {
                    StringBuilder stack = new StringBuilder();
                    for (StackTraceElement e : worker.getStackTrace()) stack.append("\n\tat ").append(e);
                    fail("fuzz " + name + ": input from seed " + currentSeed.get() + " has run for more than "
                            + HANG_SECONDS + " s (replay with -Ddescent.fuzz.replay=" + currentSeed.get()
                                    + "; the worker is at:" + stack + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) fail(failure.get());
        Result result = new Result(inputs.get(), loaded.get(), inputs.get() - loaded.get(), seconds);
        System.out.printf(Locale.ROOT, "fuzz %s: %,d inputs in %.1f s (%,d loaded, %,d refused), root seed %d%n", name,
                result.inputs(), seconds, result.loaded(), result.refused(), ROOT_SEED);
        return result;
    }

    /** For byte-array inputs. */
    public static Result bytes(String name, Function<SplittableRandom, byte[]> generator, Target<byte[]> target) {
        return run(name, generator, target, b -> b.length);
    }

    /**
     * The most a reader may allocate for an input of {@code bytes} bytes: a fixed allowance for
     * buffers and decoders, plus what gzip or deflate can legitimately expand the input to (at most
     * about 1,032 to 1), held twice while a buffer grows.
     */
    static long allocationLimit(int bytes) {
        return (256L << 20) + 4096L * bytes;
    }

    private static String describe(String name, long seed, Object input, String problem, Throwable e) {
        String shown = input instanceof byte[] b ? b.length + " bytes: " + preview(b) : String.valueOf(input);
        if (shown.length() > 2000) shown = shown.substring(0, 2000) + "...";
        String trace = "";
        if (e != null) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            trace = "\n" + w;
        }
        return "fuzz " + name + ": the input from seed " + seed + " " + problem + " (replay: -Ddescent.fuzz.replay="
                + seed
                + ")\ninput: " + shown + trace;
    }

    private static String preview(byte[] b) {
        return HexFormat.of().formatHex(Arrays.copyOf(b, Math.min(b.length, 256)));
    }
}
