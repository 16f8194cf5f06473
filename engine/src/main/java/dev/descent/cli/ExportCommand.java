package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.data.DataDescription;
import dev.descent.data.DatasetName;
import dev.descent.data.normalize.FeatureScaling;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.samples.Task;
import dev.descent.export.ForwardPass;
import dev.descent.export.InputNormalization;
import dev.descent.export.OutputScaling;
import dev.descent.export.OnnxWriter;
import dev.descent.io.AtomicFiles;
import dev.descent.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent export MODEL --format onnx --out FILE}: a trained model as an ONNX model that computes
 * exactly descent's forward pass, for ONNX Runtime and the tools around it. The file is written
 * atomically: a failed export leaves no part of it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained model as an ONNX model (opset 13) for ONNX Runtime and other ONNX tools.",
                "Input 'input' [N, features] float, as descent's forward pass reads it (for MNIST-style models the"
                        + " grey values / 255, row by row); output 'output' [N, classes] float."})
final class ExportCommand implements Callable<Integer> {
    static final String ONNX = "onnx";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgument model = new ModelArgument();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = ONNX,
            description = "the file format to write; only onnx for now (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "the file to write (default: model.onnx beside the model file)")
    Path out;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() throws IOException {
        if (!format.equals(ONNX)) {
            throw new DescentException("unknown export format '" + format + "' at --format; available: " + ONNX);
        }
        TrainedModel trained = model.load(plugins);
        Path target = out != null ? out : onnxBeside(trained.file());
        requireWritable(target, trained.file());
        DataDescription description = DataDescription.fromMetadata(trained.file().toString(), trained.metadata());
        ForwardPass base = ForwardPass.of(trained.network(), trained.costSpec().name(), trained.cost(),
                normalization(description));
        ForwardPass pass = new ForwardPass(base.layers(), base.normalization(), outputScaling(description));
        String meaning = inputMeaning(trained, description);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("descent.source", trained.file().toString());
        metadata.put("descent.layers", trained.metadata().getOrDefault("layers", ""));
        metadata.put("descent.activation", trained.network().activation().configName());
        metadata.put("descent.cost", trained.costSpec().name());
        String dataset = trained.metadata().get("dataset");
        if (dataset != null) metadata.put("descent.dataset", dataset);
        try {
            AtomicFiles.write(target, stream -> OnnxWriter.write(stream, pass, Version.get(), meaning, metadata));
        } catch (IOException e) {
            throw new DescentException("cannot write --out " + target + ": " + reason(e));
        }
        PrintWriter printer = spec.commandLine().getOut();
        long bytes = Files.size(target);
        printer.printf(Locale.ROOT, "descent export: %s (%s, cost %s) -> %s, ONNX opset %d, %,d bytes%n",
                trained.file(), trained.shape(), trained.costSpec().name(), target, OnnxWriter.OPSET, bytes);
        printer.printf(Locale.ROOT, "  input  '%s' [N, %d] float: %s%n", OnnxWriter.INPUT, pass.inputs(), meaning);
        printer.printf(Locale.ROOT, "  output '%s' [N, %d] float: %s of the output layer%s%n", OnnxWriter.OUTPUT,
                pass.outputs(), pass.layers().getLast().activation().name().toLowerCase(Locale.ROOT),
                pass.scaling() != null ? ", in the targets' units" : "");
        printer.flush();
        return Main.EXIT_OK;
    }

    private static Path onnxBeside(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return modelFile.resolveSibling(stem + ".onnx");
    }

    /** Fails before anything is computed when the target cannot be a file, or is the model itself. */
    private static void requireWritable(Path target, Path modelFile) throws IOException {
        if (Files.exists(target) && Files.isSameFile(target, modelFile)) {
            throw new DescentException("--out " + target + " is the model file itself; give another name, e.g. "
                    + onnxBeside(modelFile));
        }
        if (Files.isDirectory(target)) {
            throw new DescentException("--out " + target + " is a folder; give a file name, e.g. "
                    + target.resolve("model.onnx"));
        }
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DescentException("--out " + target + ": " + (Files.exists(folder) ? folder + " is not a folder"
                    : "folder " + folder + " does not exist"));
        }
    }

    /**
     * The model's recorded input normalisation, as float32 nodes before the first layer; null for none. The
     * statistics are rounded to float once: the exported model computes in float32 what predict computes in
     * double and rounds once, which differs by a few units in the last place of a normalised input.
     */
    private static InputNormalization normalization(DataDescription d) {
        FeatureScaling scaling = d.scaling();
        if (scaling.method() == Normalization.NONE) return null;
        double[] shift = scaling.shift();
        double[] scale = scaling.scale();
        float[] mean = new float[shift.length];
        float[] divisor = new float[scale.length];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) shift[k];
            divisor[k] = (float) scale[k];
        }
        return new InputNormalization(mean, divisor);
    }

    /** A regression's un-standardisation after the last layer, so the ONNX output is in target units; or null. */
    private static OutputScaling outputScaling(DataDescription d) {
        if (d.task() != Task.REGRESSION || d.targetScaling().isIdentity()) return null;
        double[] mean = d.targetScaling().mean();
        double[] scale = d.targetScaling().scale();
        float[] m = new float[mean.length];
        float[] s = new float[scale.length];
        for (int t = 0; t < m.length; t++) {
            m[t] = (float) mean[t];
            s[t] = (float) scale[t];
        }
        return new OutputScaling(s, m);
    }

    /** What the values of the ONNX input are, in the words of the data the model was trained on. */
    private static String inputMeaning(TrainedModel trained, DataDescription d) {
        if (d.image() == null) {
            return "the " + d.inputSize() + " feature columns " + String.join(", ", d.featureNames())
                    + ", in this order, as the CSV holds them" + (d.scaling().method() == Normalization.NONE ? ""
                    : " (the model normalises them itself, " + d.scaling().method() + ")");
        }
        if (!DatasetName.ids().contains(d.format())) {
            return "the " + d.image() + " pixels of a picture scaled to " + d.image().width() + "x"
                    + d.image().height() + ", row by row, channels interleaved, each 8-bit value divided by 255";
        }
        String dataset = trained.metadata().get("dataset");
        if (("mnist".equals(dataset) || "fashion-mnist".equals(dataset)) && trained.inputs() == 28 * 28) {
            return "the 28x28 grey values of an image, row by row, each divided by 255 (0 = background, 1 = full ink),"
                    + " as descent eval and predict feed the network";
        }
        return "the " + trained.inputs() + " input values as descent's forward pass reads them";
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
