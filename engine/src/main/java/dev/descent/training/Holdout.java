package dev.descent.training;

import dev.descent.data.Dataset;
import java.util.random.RandomGenerator;

/** A training set split into the samples trained on and {@code n} held out for validation. */
record Holdout(Dataset train, Dataset validation) {
    /** Holds out n samples chosen uniformly by {@code random}; both parts keep the original order. */
    static Holdout of(Dataset data, int n, RandomGenerator random) {
        int count = data.count();
        boolean[] held = new boolean[count];
        // Floyd's algorithm: n distinct indices with n draws.
        for (int j = count - n; j < count; j++) {
            int t = random.nextInt(j + 1);
            held[held[t] ? j : t] = true;
        }
        int size = data.imageSize();
        byte[] trainPixels = new byte[(count - n) * size];
        byte[] trainLabels = new byte[count - n];
        byte[] heldPixels = new byte[n * size];
        byte[] heldLabels = new byte[n];
        for (int i = 0, t = 0, v = 0; i < count; i++) {
            if (held[i]) {
                System.arraycopy(data.pixels(), i * size, heldPixels, v * size, size);
                heldLabels[v++] = (byte) data.label(i);
            } else {
                System.arraycopy(data.pixels(), i * size, trainPixels, t * size, size);
                trainLabels[t++] = (byte) data.label(i);
            }
        }
        return new Holdout(
                Dataset.of(data.source() + " (training part)", trainPixels, trainLabels, data.rows(), data.cols()),
                Dataset.of(data.source() + " (validation part)", heldPixels, heldLabels, data.rows(), data.cols()));
    }
}
