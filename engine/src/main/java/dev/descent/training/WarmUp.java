package dev.descent.training;

import java.util.function.LongSupplier;

/**
 * How long the JIT warm-up before the first epoch runs. Until C2 has compiled the kernels, Vector API
 * calls run as boxed objects, 10-100x slower, and on a busy machine compilation can take seconds; a
 * warm-up cut off by a fixed time leaves the first epoch that slow. So the warm-up steps in rounds of
 * {@value #ROUND_NANOS} ns, and ends once it has run {@code minSteps} mini-batches or
 * {@code minSeconds} and the step time has stopped improving: none of the last {@value #SETTLED_ROUNDS}
 * rounds was more than {@value #IMPROVEMENT_PERCENT}% faster per step than the fastest round before
 * them. The fastest round, not the last, because other work on the machine only ever slows a round
 * down, while compilation speeds it up. It never runs longer than {@code maxSeconds}.
 *
 * @param minSteps mini-batches that suffice for C2 to compile the kernels of a small network
 * @param minSeconds seconds that suffice in place of {@code minSteps} for a large network
 * @param maxSeconds the bound, stable or not
 */
public record WarmUp(int minSteps, double minSeconds, double maxSeconds, LongSupplier clock) {
    static final long ROUND_NANOS = 20_000_000L;
    static final int SETTLED_ROUNDS = 3;
    static final int IMPROVEMENT_PERCENT = 10;

    /**
     * From the system properties {@code descent.warmup.steps} (default 3000), {@code descent.warmup.seconds}
     * (1.0) and {@code descent.warmup.max-seconds} (10.0), on the system clock.
     */
    public static WarmUp configured() {
        return new WarmUp(Integer.getInteger("descent.warmup.steps", 3000),
                Double.parseDouble(System.getProperty("descent.warmup.seconds", "1.0")),
                Double.parseDouble(System.getProperty("descent.warmup.max-seconds", "10.0")), System::nanoTime);
    }

    /** No warm-up at all. */
    public static WarmUp none() {
        return new WarmUp(0, 0, 0, System::nanoTime);
    }

    /** Calls {@code step} (one mini-batch) until warm or out of time; returns the seconds it took. */
    public double run(Runnable step) {
        long start = clock.getAsLong();
        long deadline = start + (long) (maxSeconds * 1e9);
        long minimum = start + (long) (minSeconds * 1e9);
        long steps = 0;
        // Nanoseconds per step of the rounds so far: the fastest before the recent ones, and the recent ones'.
        double fastestBefore = Double.POSITIVE_INFINITY;
        double[] recent = new double[SETTLED_ROUNDS];
        int rounds = 0;
        long now = start;
        while (now < deadline) {
            long roundStart = now;
            long roundSteps = 0;
            do {
                step.run();
                roundSteps++;
                now = clock.getAsLong();
            } while (now - roundStart < ROUND_NANOS && now < deadline);
            steps += roundSteps;
            double perStep = (double) (now - roundStart) / roundSteps;
            if (rounds >= SETTLED_ROUNDS) fastestBefore = Math.min(fastestBefore, recent[rounds % SETTLED_ROUNDS]);
            recent[rounds % SETTLED_ROUNDS] = perStep;
            rounds++;
            boolean enough = steps >= minSteps || now >= minimum;
            if (enough && rounds > SETTLED_ROUNDS && settled(recent, fastestBefore)) break;
        }
        return (now - start) / 1e9;
    }

    private static boolean settled(double[] recent, double fastestBefore) {
        for (double r : recent) {
            if (r < fastestBefore * (1 - IMPROVEMENT_PERCENT / 100.0)) return false;
        }
        return true;
    }
}
