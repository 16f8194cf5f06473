package dev.descent.data;

import dev.descent.kernel.KernelProvider;
import dev.descent.network.Workspace;
import dev.descent.training.Batches;
import java.nio.file.Path;

/** The MNIST test set as the built-in IDX path feeds it to the network: the reference for the other doors. */
public final class IdxInputs {
    private static final int BATCH = 500;

    private IdxInputs() {
    }

    /** The shared MNIST test split; skips the test when $DESCENT_DATA does not hold it. */
    public static Dataset mnistTest() {
        Path mnist = IdxFiles.sharedData().resolve("mnist");
        return Dataset.load(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** Every image's input vector as {@link Batches#load} writes it, row-major: count x imageSize floats. */
    public static float[] inputs(Dataset data) {
        int size = data.imageSize();
        float[] all = new float[data.count() * size];
        Workspace ws = new Workspace(new int[] {size, 10}, BATCH);
        for (int from = 0; from < data.count(); from += BATCH) {
            int m = Math.min(BATCH, data.count() - from);
            Batches.load(KernelProvider.get(), data, null, from, m, ws, 10);
            System.arraycopy(ws.input(), 0, all, from * size, m * size);
        }
        return all;
    }
}
