package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.data.DataDescription;
import dev.descent.data.samples.Task;
import dev.descent.data.table.CsvTableReader;
import dev.descent.data.table.TableInputs;
import dev.descent.io.AtomicFiles;
import dev.descent.image.DigitPreprocessor;
import dev.descent.image.GrayImage;
import dev.descent.image.ImageFiles;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent predict MODEL IMAGE...}: what a trained model reads in pictures of digits. Each
 * picture is prepared as MNIST's digits were ({@link DigitPreprocessor}) and run through the network;
 * the prediction is the output neuron with the highest activation. A picture that cannot be read is
 * reported on stderr and skipped; the exit code is then 2.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Read digits in PNG or JPEG pictures with a trained model; print each prediction and the 10 "
                + "outputs.",
                "Pictures may have any size, colour or background: they are made into 28x28 inputs the way MNIST's "
                        + "were."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgument model = new ModelArgument();

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "PNG or JPEG pictures, or for a model of a CSV table one CSV file of inputs")
    List<Path> images = new ArrayList<>();

    @Option(names = "--json", description = "print a JSON array: file, digit and outputs (or error) per picture")
    boolean json;

    @Option(names = "--show", description = "also print the 28x28 input the network sees, as text")
    boolean show;

    @Option(names = "--out", paramLabel = "FILE",
            description = "for a model of a CSV table: write the predictions to FILE (CSV) instead of standard output")
    Path outFile;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainedModel trained = model.load(plugins);
        DataDescription description = DataDescription.fromMetadata(trained.file().toString(), trained.metadata());
        if (description.image() == null) return predictTable(trained, description);
        if (outFile != null) {
            throw new DescentException("--out writes the predictions of a model of a CSV table; " + trained.file()
                    + " reads pictures, whose predictions go to standard output (--json for JSON)");
        }
        boolean ownPictures = description.inputKind() == DataDescription.InputKind.PICTURE;
        int pixels = ownPictures ? description.inputSize() : DigitPreprocessor.FIELD * DigitPreprocessor.FIELD;
        if (trained.inputs() != pixels) {
            String made = ownPictures ? "the " + description.image() + " pictures its data description records"
                    : "28x28 digits";
            throw new DescentException(trained.file() + " takes " + trained.inputs() + " inputs; predict makes "
                    + pixels + " from " + made);
        }
        Network network = trained.network();
        Backprop backprop = new Backprop(KernelProvider.get());
        Workspace ws = Workspace.forInference(network.sizes(), 1);
        int outputs = trained.outputs();
        List<Map<String, Object>> results = new ArrayList<>();
        int bad = 0;
        for (Path image : images) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", image.toString());
            try {
                float[] input;
                if (ownPictures) {
                    // As training read the model's picture folders: scaled to its size, then its normalisation.
                    input = new float[pixels];
                    description.preparePicture(image, input, 0);
                } else {
                    GrayImage picture = ImageFiles.read(image);
                    input = DigitPreprocessor.prepare(picture, image.toString()).pixels();
                }
                System.arraycopy(input, 0, ws.input(), 0, pixels);
                backprop.forward(network, ws, 1, trained.cost());
                float[] activations = Arrays.copyOf(ws.output(), outputs);
                int predicted = argmax(activations);
                if (ownPictures) result.put("class", description.classNames().get(predicted));
                else result.put("digit", predicted);
                result.put("outputs", activations);
                if (!json) {
                    out.printf(Locale.ROOT, "%s: %s  outputs %s%n", image,
                            ownPictures ? description.classNames().get(predicted) : Integer.toString(predicted),
                            IntStream.range(0, outputs)
                                    .mapToObj(j -> String.format(Locale.ROOT, "%.4f", activations[j]))
                                    .collect(Collectors.joining(" ")));
                    if (show && !ownPictures) out.print(asText(input));
                    out.flush();
                }
            } catch (DescentException e) {
                bad++;
                result.put("error", e.getMessage());
                err.println("descent: " + e.getMessage());
                err.flush();
            }
            results.add(result);
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
            out.flush();
        }
        return bad == 0 ? Main.EXIT_OK : Main.EXIT_BAD_INPUT;
    }

    /**
     * Predicts every row of the one CSV file given, with the model's feature columns (others are ignored)
     * prepared as training prepared them: one output row per input row, the predicted class name and each
     * class's output, or the regression targets in their own units. Written to {@code --out} whole or not
     * at all, else to standard output.
     */
    private int predictTable(TrainedModel trained, DataDescription description) throws IOException {
        if (images.size() != 1) {
            throw new DescentException(trained.file() + " is a model of a CSV table; give one CSV file of inputs, not "
                    + images.size() + " files");
        }
        if (json || show) {
            throw new DescentException((json ? "--json" : "--show") + " is for pictures; " + trained.file()
                    + " is a model of a CSV table, whose predictions are a CSV table");
        }
        Path file = images.getFirst();
        TableInputs inputs = CsvTableReader.readInputs(file, description.schema(trained.file().toString()));
        Network network = trained.network();
        Backprop backprop = new Backprop(KernelProvider.get());
        int batch = 64;
        Workspace ws = Workspace.forInference(network.sizes(), batch);
        int width = description.inputSize();
        int outputs = trained.outputs();
        boolean classes = description.task() == Task.CLASSIFICATION;
        StringBuilder table = new StringBuilder();
        List<String> header = new ArrayList<>();
        if (classes) {
            header.add("predicted");
            description.classNames().forEach(c -> header.add("output " + c));
        } else {
            header.addAll(description.targetNames());
        }
        table.append(header.stream().map(PredictCommand::csvCell).collect(Collectors.joining(","))).append('\n');
        float[] row = new float[outputs];
        for (int from = 0; from < inputs.count(); from += batch) {
            int m = Math.min(batch, inputs.count() - from);
            for (int s = 0; s < m; s++) {
                description.prepareInput(inputs.features(), (from + s) * width, ws.input(), s * width);
            }
            backprop.forward(network, ws, m, trained.cost());
            for (int s = 0; s < m; s++) {
                System.arraycopy(ws.output(), s * outputs, row, 0, outputs);
                if (classes) {
                    table.append(csvCell(description.classNames().get(argmax(row))));
                } else {
                    description.toTargetUnits(row, 0);
                }
                for (int j = 0; j < outputs; j++) {
                    if (classes || j > 0) table.append(',');
                    table.append(Float.toString(row[j]));
                }
                table.append('\n');
            }
        }
        if (outFile != null) {
            AtomicFiles.writeString(outFile, table.toString());
            spec.commandLine().getErr().printf(Locale.ROOT, "descent: %,d predictions written to %s%n",
                    inputs.count(), outFile);
        } else {
            spec.commandLine().getOut().print(table);
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    /** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csvCell(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** The field as rows of characters, darker characters for more ink. */
    static String asText(float[] field) {
        String shades = " .:-=+*#%@";
        int side = DigitPreprocessor.FIELD;
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < side; y++) {
            text.append("  |");
            for (int x = 0; x < side; x++) {
                char c = shades.charAt(Math.min(shades.length() - 1, (int) (field[y * side + x] * shades.length())));
                text.append(c).append(c);   // two characters per pixel look square in a terminal
            }
            text.append("|\n");
        }
        return text.toString();
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) best = j;
        }
        return best;
    }
}
