package dev.descent.training;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How long the JIT warm-up before the first epoch runs. Until C2 has compiled the kernels, Vector API
 * calls run as boxed objects, 10-100x slower, and on a busy machine the compiler thread can take
 * seconds to get through them; a warm-up cut off after a fixed number of steps or seconds then leaves
 * the first epoch that slow (measured: interpreted steps of the seed network take 20-100 ms, compiled
 * ones 30 us). C2 compiles a method once it has been called often enough, so time alone says nothing:
 * the warm-up steps in rounds of {@value #ROUND_NANOS} ns, and ends once it has run {@code minSteps}
 * mini-batches (enough calls for every kernel to be queued for compilation) and the step time has settled
 * over a window of the last quarter of the warm-up (at least {@value #SETTLED_ROUNDS} rounds, at most
 * {@value #MAX_WINDOW_NANOS} ns):
 * <ul>
 * <li>no round in it was more than {@value #IMPROVEMENT_PERCENT}% faster per step than the fastest
 *     round before it (the fastest, not the last: other work on the machine only ever slows a round
 *     down, while compilation speeds it up, by 2-100x), and</li>
 * <li>the JIT spent at most {@value #JIT_PERCENT}% of it compiling ({@code jitMillis}, the JVM's
 *     total compilation time): step times alone cannot tell compiled code from a plateau of
 *     interpreted code whose compilation is still queued.</li>
 * </ul>
 * It never runs longer than {@code maxSeconds}, settled or not, nor more mini-batches than
 * {@code maxSteps}: a run of a few hundred mini-batches (a test, a quick look) would otherwise spend far
 * longer warming up than training, and its figures are too short to mislead anyone.
 *
 * @param minSteps mini-batches after which C2 has queued the kernels for compilation
 * @param maxSeconds the bound
 * @param maxSteps the bound in mini-batches: those of the run itself
 * @param clock nanoseconds
 * @param jitMillis the JIT's total compilation time so far, or any constant where the JVM does not say
 */
public record WarmUp(int minSteps, double maxSeconds, long maxSteps, LongSupplier clock, LongSupplier jitMillis) {
    static final long ROUND_NANOS = 20_000_000L;
    static final int SETTLED_ROUNDS = 3;
    static final int IMPROVEMENT_PERCENT = 25;
    /** The JIT may spend this share of the window compiling: small methods trickle in for a long time. */
    static final int JIT_PERCENT = 5;
    static final long MAX_WINDOW_NANOS = 500_000_000L;

    /**
     * From the system properties {@code descent.warmup.steps} (default 3000) and {@code descent.warmup.seconds}
     * (the bound, default 10.0), on the system clock and this JVM's JIT.
     */
    public static WarmUp configured() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        LongSupplier jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit::getTotalCompilationTime : () -> 0;
        return new WarmUp(Integer.getInteger("descent.warmup.steps", 3000),
                Double.parseDouble(System.getProperty("descent.warmup.seconds", "10.0")), System::nanoTime, jitMillis);
    }

    /** Bounded by seconds only. */
    public WarmUp(int minSteps, double maxSeconds, LongSupplier clock, LongSupplier jitMillis) {
        this(minSteps, maxSeconds, Long.MAX_VALUE, clock, jitMillis);
    }

    /** The same warm-up, stopping after at most {@code steps} mini-batches (the run's own count). */
    public WarmUp atMost(long steps) {
        return new WarmUp(minSteps, maxSeconds, Math.min(maxSteps, steps), clock, jitMillis);
    }

    /** No warm-up at all. */
    public static WarmUp none() {
        return new WarmUp(0, 0, System::nanoTime, () -> 0);
    }

    /** Calls {@code step} (one mini-batch) until warm or out of time; returns the seconds it took. */
    public double run(Runnable step) {
        long start = clock.getAsLong();
        long deadline = start + (long) (maxSeconds * 1e9);
        long steps = 0;
        List<Round> rounds = new ArrayList<>();
        long now = start;
        while (now < deadline && steps < maxSteps) {
            long roundStart = now;
            long roundSteps = 0;
            do {
                step.run();
                roundSteps++;
                now = clock.getAsLong();
            } while (now - roundStart < ROUND_NANOS && now < deadline && steps + roundSteps < maxSteps);
            steps += roundSteps;
            rounds.add(new Round(now, (double) (now - roundStart) / roundSteps, jitMillis.getAsLong()));
            if (steps >= minSteps && settled(rounds, now - start)) break;
        }
        return (now - start) / 1e9;
    }

    /** One round: when it ended, its nanoseconds per step, and the JIT's total compilation time then. */
    private record Round(long end, double nanosPerStep, long jitMillis) {
    }

    private static boolean settled(List<Round> rounds, long elapsed) {
        int n = rounds.size();
        long window = Math.max(Math.min(elapsed / 4, MAX_WINDOW_NANOS), SETTLED_ROUNDS * ROUND_NANOS);
        long windowStart = rounds.getLast().end() - window;
        int first = n - SETTLED_ROUNDS;
        while (first > 0 && rounds.get(first - 1).end() > windowStart) first--;
        if (first < 1) return false;
        double fastestBefore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < first; i++) fastestBefore = Math.min(fastestBefore, rounds.get(i).nanosPerStep());
        for (int i = first; i < n; i++) {
            if (rounds.get(i).nanosPerStep() < fastestBefore * (1 - IMPROVEMENT_PERCENT / 100.0)) return false;
        }
        Round before = rounds.get(first - 1);
        long compiling = rounds.getLast().jitMillis() - before.jitMillis();
        return compiling * 1_000_000L * 100 <= JIT_PERCENT * (rounds.getLast().end() - before.end());
    }
}
