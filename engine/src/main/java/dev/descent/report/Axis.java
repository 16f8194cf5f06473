package dev.descent.report;

import java.util.Locale;

/**
 * A linear axis with "nice" ticks: the step is 1, 2 or 5 times a power of ten (Heckbert's nice
 * numbers, Graphics Gems, 1990). {@link #covering} runs the axis from the largest multiple of the step
 * at or below the data to the smallest at or above it; {@link #within} keeps the given ends and puts
 * the ticks at the multiples between them.
 */
public record Axis(double min, double max, double step) {
    /** Tolerance, in steps, for data that lies on a tick up to floating-point error. */
    private static final double ON_TICK = 1e-9;

    public Axis {
        if (!(min < max) || !(step > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("invalid axis [" + min + ", " + max + "] step " + step);
        }
    }

    /**
     * The nice axis covering {@code [low, high]} with about {@code ticks} ticks; {@code integral} keeps
     * the step a whole number (epochs). A single value gets room around it.
     */
    public static Axis covering(double low, double high, int ticks, boolean integral) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("cannot scale [" + low + ", " + high + "]");
        }
        if (ticks < 2) throw new IllegalArgumentException("need at least 2 ticks, got " + ticks);
        if (low == high) {
            double pad = integral ? 1 : low == 0 ? 1 : Math.abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        double step = niceNumber((high - low) / (ticks - 1));
        if (integral) step = Math.max(1, step);
        double min = Math.floor(low / step + ON_TICK) * step;
        double max = Math.ceil(high / step - ON_TICK) * step;
        if (max <= min) max = min + step;
        return new Axis(min, max, step);
    }

    /**
     * The axis from exactly {@code low} to {@code high} (a chart that pads its data itself), with a nice
     * step giving about {@code ticks} ticks between them.
     */
    public static Axis within(double low, double high, int ticks) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException("cannot scale [" + low + ", " + high + "]");
        }
        if (ticks < 2) throw new IllegalArgumentException("need at least 2 ticks, got " + ticks);
        return new Axis(low, high, niceNumber((high - low) / (ticks - 1)));
    }

    /** The number nearest {@code x} of the form 1, 2, 5 or 10 times a power of ten. */
    static double niceNumber(double x) {
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        double fraction = x / power;
        return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
    }

    /** The multiples of the step from min to max, each computed from its index so no error accumulates. */
    public double[] ticks() {
        long first = (long) Math.ceil(min / step - ON_TICK);
        int count = (int) ((long) Math.floor(max / step + ON_TICK) - first + 1);
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) ticks[i] = (first + i) * step;
        return ticks;
    }

    /** Where {@code value} falls: 0 at min, 1 at max. */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /**
     * A tick label with just enough digits to tell neighbouring ticks apart: "0.02", "5", "1.5e-05".
     * Very small steps and very large values switch to scientific notation.
     */
    public String label(double value) {
        if (Math.abs(value) < step * ON_TICK) value = 0;   // -0.0 and 1e-17 print as 0
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + ON_TICK));
        double largest = Math.max(Math.abs(min), Math.abs(max));
        if (decimals <= 4 && largest < 1e6) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        int significant = (int) (Math.floor(Math.log10(largest)) - Math.floor(Math.log10(step) + ON_TICK)) + 1;
        return String.format(Locale.ROOT, "%." + Math.max(0, significant - 1) + "e", value);
    }
}
