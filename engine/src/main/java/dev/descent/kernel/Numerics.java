package dev.descent.kernel;

/**
 * The numerical decisions shared by every kernel implementation, in one place so that scalar and
 * SIMD agree bit for bit on element-wise functions.
 *
 * <h2>Why our own exp</h2>
 * {@code Math.exp} and the Vector API's EXP may return different last bits when interpreted and when
 * JIT-compiled, so a run's results could depend on when the JIT kicked in. {@link #exp} uses only
 * +, *, fused multiply-add and bit operations, which IEEE 754 defines exactly: the same input gives
 * the same bits in the interpreter, in C2 and in the SIMD kernels. Relative error is below 3e-7
 * over [-87, 88] (NumericsTest checks it against Math.exp).
 *
 * <h2>Why clamp and flush</h2>
 * A sigmoid input is clamped to [-{@value #SIGMOID_CLAMP}, {@value #SIGMOID_CLAMP}]: at 30 the output
 * already rounds to 1.0f and at -30 it is 9.4e-14, so no result that matters changes, but the
 * backward pass no longer produces the subnormal floats that made epochs 50% slower. For the same
 * reason back-propagated deltas below {@value #FLUSH_BELOW} in magnitude are set to 0: their
 * contribution to any weight update is more than ten orders of magnitude below a float's resolution
 * at the weights' scale.
 */
public final class Numerics {
    public static final float SIGMOID_CLAMP = 30f;
    public static final float FLUSH_BELOW = 1e-20f;

    // Cody-Waite split of ln 2: LN2_HI has trailing zero bits, so n * LN2_HI is exact for |n| < 2^9.
    public static final float LOG2E = 1.44269504f;
    public static final float LN2_HI = 0.693145752f;
    public static final float LN2_LO = 1.42860677e-6f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer. */
    public static final float ROUNDER = 12582912f;
    /** exp(x) is only evaluated on [EXP_MIN, EXP_MAX]; beyond, the result under/overflows anyway. */
    public static final float EXP_MIN = -87f;
    public static final float EXP_MAX = 88f;
    // Polynomial for exp(r) on [-ln2/2, ln2/2] (the Cephes expf coefficients): 1 + r + C2 r^2 + ... + C7 r^7.
    public static final float C2 = 5.0000001201e-1f;
    public static final float C3 = 1.6666665459e-1f;
    public static final float C4 = 4.1665795894e-2f;
    public static final float C5 = 8.3334519073e-3f;
    public static final float C6 = 1.3981999507e-3f;
    public static final float C7 = 1.9875691500e-4f;

    private Numerics() {
    }

    /** e^x with reproducible bits; x is clamped to [EXP_MIN, EXP_MAX]. */
    public static float exp(float x) {
        x = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float shifted = Math.fma(x, LOG2E, ROUNDER);
        float n = shifted - ROUNDER;                      // round(x / ln 2)
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);                       // x - n ln 2, |r| <= ln2 / 2
        float p = Math.fma(C7, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        // 2^n: the integer n sits in the low bits of `shifted`; put it in the exponent field.
        int scale = (Float.floatToRawIntBits(shifted) + 127 - 0x4B400000) << 23;
        return p * Float.intBitsToFloat(scale);
    }

    /** 1 / (1 + e^-z), with z clamped to [-SIGMOID_CLAMP, SIGMOID_CLAMP]. */
    public static float sigmoid(float z) {
        z = Math.min(Math.max(z, -SIGMOID_CLAMP), SIGMOID_CLAMP);
        return 1f / (1f + exp(-z));
    }

    /** tanh(z) = 2 sigmoid(2z) - 1; absolute error below 2e-7. */
    public static float tanh(float z) {
        return Math.fma(2f, sigmoid(2f * z), -1f);
    }

    public static float relu(float z) {
        return Math.max(z, 0f);
    }

    /** f'(z) written through a = f(z). */
    public static float derivative(Activation f, float a) {
        return switch (f) {
            case SIGMOID -> a * (1f - a);
            case TANH -> Math.fma(-a, a, 1f);
            case RELU -> a > 0f ? 1f : 0f;
            case IDENTITY -> 1f;
        };
    }

    /** v, or 0 when |v| is below FLUSH_BELOW. */
    public static float flush(float v) {
        return Math.abs(v) < FLUSH_BELOW ? 0f : v;
    }
}
