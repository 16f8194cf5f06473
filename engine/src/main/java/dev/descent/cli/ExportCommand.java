package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.export.ForwardPass;
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
        // Today's models record no normalisation: their input is what Batches and DigitPreprocessor
        // hand the network. Issue 13's recorded statistics go in here once model files carry them.
        ForwardPass pass = ForwardPass.of(trained.network(), trained.costSpec().name(), trained.cost(), null);
        String meaning = inputMeaning(trained);
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
        printer.printf(Locale.ROOT, "  output '%s' [N, %d] float: %s of the output layer%n", OnnxWriter.OUTPUT,
                pass.outputs(), pass.layers().getLast().activation().name().toLowerCase(Locale.ROOT));
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

    /** What the values of the ONNX input are, in the words of the data the model was trained on. */
    private static String inputMeaning(TrainedModel trained) {
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
