package dev.descent.api;

import dev.descent.data.DataDescription;
import dev.descent.data.samples.Task;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.training.Evaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A trained model, ready to predict: the network of a {@code model.safetensors} with the cost it was
 * trained with (whose output activation, softmax for {@code softmax-cross-entropy}, ends the forward pass).
 *
 * <p>An input is one sample's {@link #inputSize()} values as the data set holds them: for a model of a CSV
 * table, the feature values as they stand in the table, in the model's feature order; for a picture model
 * (MNIST, Fashion-MNIST, picture folders, IDX sets) the grey values scaled to [0, 1], row by row, channels
 * interleaved. {@code descent eval} scales a pixel byte {@code p} as {@code p * (1f / 255)}, which is not
 * always the same float as {@code p / 255f}; scale the same way to get eval's bits. The model applies the
 * rest of the training-time preprocessing its file records (a table's normalisation), and a regression's
 * outputs are in the targets' own units. The outputs are exactly the bits that {@code descent eval} computes for
 * the same input, one sample or a batch alike: every kernel computes each row of a batch on its own, in a
 * fixed order, so neither the batch size nor where a batch is split changes a bit (nor does the SIMD width:
 * the scalar kernels give the same bits).
 *
 * <p>A model is safe to share between threads: its network is never written after loading, and each call
 * takes its buffers from a small pool of its own, so {@link #predict(float[], float[])} and
 * {@link #classify} allocate nothing once the pool holds a buffer per concurrent caller.
 */
public final class Model {
    /** Buffers kept for concurrent callers; more callers at once still work, each extra one allocating. */
    private static final int POOLED = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final TrainedModel trained;
    private final Network network;
    private final Backprop backprop;
    private final Workspaces workspaces;
    private final DataDescription description;
    private final List<String> labels;
    private final int inputs;
    private final int outputs;

    private Model(TrainedModel trained) {
        this.trained = trained;
        this.network = trained.network();
        this.backprop = new Backprop(KernelProvider.get());
        this.inputs = trained.inputs();
        this.outputs = trained.outputs();
        // The batch eval runs in: any batch gives the same bits, this one keeps the kernels' row blocks full.
        this.workspaces = new Workspaces(network.sizes(), Evaluator.BATCH, POOLED);
        this.description = DataDescription.fromMetadata(trained.file().toString(), trained.metadata());
        this.labels = description.task() == Task.CLASSIFICATION ? description.classNames() : description.targetNames();
    }

    /**
     * Loads a model file ({@code runs/seed/model.safetensors}) or the run folder holding one
     * ({@code runs/seed}), with the built-in plugins.
     *
     * @throws dev.descent.DescentException when the file is missing or damaged, or its cost plugin is not
     *         loaded (the message names the jar the model records)
     */
    public static Model load(Path path) {
        return load(path, PluginFolder.builtInsOnly());
    }

    /** Loads a model as {@link #load(Path)} does, with the plugin jars of {@code plugins} as well. */
    public static Model load(Path path, PluginFolder plugins) {
        if (path == null || plugins == null) throw new IllegalArgumentException("path and plugins must not be null");
        return new Model(TrainedModel.load(path, plugins.source()));
    }

    /** The model file read. */
    public Path file() {
        return trained.file();
    }

    /** The number of input values of one sample (784 for MNIST). */
    public int inputSize() {
        return inputs;
    }

    /** The number of outputs, one per class (10 for MNIST). */
    public int outputSize() {
        return outputs;
    }

    /**
     * The names of the outputs, in output order: the class names ("0" to "9" for MNIST, garments for
     * Fashion-MNIST, a user's own classes in the data's sorted order), or a regression's target names.
     */
    public List<String> labels() {
        return labels;
    }

    /** The outputs for one sample, {@link #outputSize()} values in a new array. */
    public float[] predict(float[] input) {
        float[] output = new float[outputs];
        predict(input, output);
        return output;
    }

    /**
     * The outputs for one sample written into {@code output[0 .. outputSize())}; allocates nothing once
     * warmed up. {@code input} is only read.
     */
    public void predict(float[] input, float[] output) {
        requireLength("input", input, inputs);
        if (output == null || output.length < outputs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "output holds %s floats; the model has %d"
                    + " outputs", output == null ? "no" : Integer.toString(output.length), outputs));
        }
        Workspace ws = forward(input);
        try {
            System.arraycopy(ws.output(), 0, output, 0, outputs);
            toTargetUnits(output);
        } finally {
            workspaces.give(ws);
        }
    }

    /** The index of the highest output for one sample (the first, on a tie): the class {@code descent eval} counts. */
    public int classify(float[] input) {
        if (description.task() != Task.CLASSIFICATION) {
            throw new IllegalStateException(trained.file() + " is a regression model: it has no classes; use predict");
        }
        requireLength("input", input, inputs);
        Workspace ws = forward(input);
        try {
            return Evaluator.argmax(ws.output(), 0, outputs);
        } finally {
            workspaces.give(ws);
        }
    }

    /**
     * The outputs for every sample of {@code inputs}, a new array each, computed in batches on the
     * kernels (SIMD where the Vector API is enabled); the same bits as one {@link #predict(float[])} each.
     */
    public float[][] predict(float[][] inputs) {
        if (inputs == null) throw new IllegalArgumentException("inputs is null");
        for (int s = 0; s < inputs.length; s++) requireLength("inputs[" + s + "]", inputs[s], this.inputs);
        float[][] results = new float[inputs.length][];
        Workspace ws = workspaces.take();
        try {
            int batch = ws.capacity();
            for (int from = 0; from < inputs.length; from += batch) {
                int m = Math.min(batch, inputs.length - from);
                for (int s = 0; s < m; s++) prepare(inputs[from + s], 0, ws.input(), s * this.inputs);
                backprop.forward(network, ws, m, trained.cost());
                for (int s = 0; s < m; s++) {
                    results[from + s] = new float[outputs];
                    System.arraycopy(ws.output(), s * outputs, results[from + s], 0, outputs);
                    toTargetUnits(results[from + s]);
                }
            }
        } finally {
            workspaces.give(ws);
        }
        return results;
    }

    /** One sample through the network in a pooled workspace, which the caller gives back. */
    private Workspace forward(float[] input) {
        Workspace ws = workspaces.take();
        prepare(input, 0, ws.input(), 0);
        backprop.forward(network, ws, 1, trained.cost());
        return ws;
    }

    /**
     * The network's input from a caller's raw sample: {@link #inputSize()} values from {@code raw[rawOffset]}
     * to {@code dst[dstOffset]}, with the normalisation the model records. A table's raw values are its
     * cells, which {@link DataDescription#prepareInput} scales as training did; a picture's are already the
     * grey values in [0, 1] that training fed its first layer, so only a recorded normalisation is left.
     */
    private void prepare(float[] raw, int rawOffset, float[] dst, int dstOffset) {
        if (description.image() == null) {
            description.prepareInput(raw, rawOffset, dst, dstOffset);
        } else {
            System.arraycopy(raw, rawOffset, dst, dstOffset, inputs);
            description.scaling().applyInPlace(dst, dstOffset);
        }
    }

    /** A regression's outputs in the targets' own units, as eval reports them; a classification's as they are. */
    private void toTargetUnits(float[] output) {
        if (description.task() == Task.REGRESSION) description.toTargetUnits(output, 0);
    }

    private static void requireLength(String name, float[] values, int expected) {
        if (values == null) throw new IllegalArgumentException(name + " is null");
        if (values.length != expected) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %d values; the model takes %d",
                    name, values.length, expected));
        }
    }

    @Override
    public String toString() {
        return "Model(" + trained.file() + ", " + trained.shape() + ", cost " + trained.costSpec().name() + ")";
    }
}
