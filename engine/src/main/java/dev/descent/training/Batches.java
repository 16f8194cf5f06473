package dev.descent.training;

import dev.descent.data.Dataset;
import dev.descent.data.samples.Task;
import dev.descent.kernel.Kernels;
import dev.descent.network.Workspace;
import java.util.Arrays;

/** Copies samples of a data set into a workspace's input and target rows. */
public final class Batches {
    /** Pixels are bytes 0..255; the input neurons' activations are their grey values in [0, 1]. */
    public static final float PIXEL_SCALE = 1f / 255f;

    private Batches() {
    }

    /**
     * Loads samples {@code order[from .. from+m)} (or from, from+1, ... when order is null) into rows 0..m:
     * a pixel set's bytes times {@link #PIXEL_SCALE}, a float set's inputs as stored; a class as a one-hot
     * row, regression targets as stored.
     */
    public static void load(Kernels kernels, Dataset data, int[] order, int from, int m, Workspace ws, int outputs) {
        int width = data.imageSize();
        float[] input = ws.input();
        float[] targets = ws.targets();
        boolean pixels = data.hasPixels();
        byte[] images = pixels ? data.pixels() : null;
        float[] features = pixels ? null : data.features();
        boolean classes = data.description().task() == Task.CLASSIFICATION;
        float[] values = classes ? null : data.targets();
        if (classes) Arrays.fill(targets, 0, m * outputs, 0f);
        for (int s = 0; s < m; s++) {
            int sample = order == null ? from + s : order[from + s];
            if (pixels) {
                kernels.unsignedBytesToFloats(width, images, sample * width, PIXEL_SCALE, input, s * width);
            } else {
                System.arraycopy(features, sample * width, input, s * width, width);
            }
            if (classes) {
                targets[s * outputs + data.label(sample)] = 1f;
            } else {
                System.arraycopy(values, sample * outputs, targets, s * outputs, outputs);
            }
        }
    }

    /**
     * Reads one byte of every cache line of samples {@code order[from .. from+m)}, so that their
     * pixels are on their way from memory while the current batch computes: shuffled rows are
     * scattered over tens of megabytes, and converting them one after another waits on memory a row
     * at a time. Java has no prefetch instruction; these independent loads are the nearest thing.
     * Returns a value the caller must keep, so that the JIT cannot drop the loads.
     */
    static int touch(Dataset data, int[] order, int from, int m) {
        int pixels = data.imageSize();
        if (!data.hasPixels()) {
            float[] features = data.features();
            float sum = 0;
            for (int s = from; s < Math.min(from + m, order.length); s++) {
                int start = order[s] * pixels;
                for (int at = start; at < start + pixels; at += 16) sum += features[at];   // 16 floats a line
            }
            return Float.floatToRawIntBits(sum);
        }
        byte[] images = data.pixels();
        int sink = 0;
        for (int s = from; s < Math.min(from + m, order.length); s++) {
            int start = order[s] * pixels;
            for (int at = start; at < start + pixels; at += 64) sink += images[at];
        }
        return sink;
    }
}
