package dev.descent.image;

/**
 * Resizes a plane of values: rows first, then columns. Shrinking averages the source area that each
 * output pixel covers, partial pixels weighted by their overlap (so thin strokes fade instead of
 * vanishing); enlarging interpolates bilinearly between pixel centres. The same size is the identity,
 * bit for bit, which is what keeps a 28x28 picture's bytes exact. The one resampling of descent: the
 * digit preprocessor scales a drawn digit with it, and the image-folder reader scales its pictures.
 */
public final class Resampler {
    private Resampler() {
    }

    /** {@code src} ({@code sw x sh}, row-major) resized to {@code dw x dh}. */
    public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) return src;
        float[] rows = new float[dw * sh];
        for (int y = 0; y < sh; y++) resample(src, y * sw, 1, sw, rows, y * dw, 1, dw);
        float[] out = new float[dw * dh];
        for (int x = 0; x < dw; x++) resample(rows, x, dw, sh, out, x, dw, dh);
        return out;
    }

    /** One line of {@code n} values (from {@code src[from]}, every {@code stride}) resampled to {@code m}. */
    static void resample(float[] src, int from, int stride, int n, float[] dst, int to, int dstStride, int m) {
        double scale = (double) n / m;
        if (m < n) {
            for (int i = 0; i < m; i++) {
                double lo = i * scale;
                double hi = lo + scale;
                double sum = 0;
                for (int j = (int) lo; j < n && j < hi; j++) {
                    double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                    sum += overlap * src[from + j * stride];
                }
                dst[to + i * dstStride] = (float) (sum / scale);
            }
        } else {
            for (int i = 0; i < m; i++) {
                double pos = Math.clamp((i + 0.5) * scale - 0.5, 0, n - 1);
                int j = (int) pos;
                double t = pos - j;
                float a = src[from + j * stride];
                float b = src[from + Math.min(j + 1, n - 1) * stride];
                dst[to + i * dstStride] = (float) ((1 - t) * a + t * b);
            }
        }
    }
}
