package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.image.DigitPreprocessor;
import dev.descent.image.GrayImage;
import dev.descent.image.ImageFiles;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
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

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG pictures of digits")
    List<Path> images = new ArrayList<>();

    @Option(names = "--json", description = "print a JSON array: file, digit and outputs (or error) per picture")
    boolean json;

    @Option(names = "--show", description = "also print the 28x28 input the network sees, as text")
    boolean show;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainedModel trained = model.load(plugins);
        int pixels = DigitPreprocessor.FIELD * DigitPreprocessor.FIELD;
        if (trained.inputs() != pixels) {
            throw new DescentException(trained.file() + " takes " + trained.inputs() + " inputs; predict makes 28x28 = "
                    + pixels + "-pixel inputs");
        }
        Network network = trained.network();
        Backprop backprop = new Backprop(KernelProvider.get());
        Workspace ws = new Workspace(network.sizes(), 1);
        int outputs = trained.outputs();
        List<Map<String, Object>> results = new ArrayList<>();
        int bad = 0;
        for (Path image : images) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", image.toString());
            try {
                GrayImage picture = ImageFiles.read(image);
                DigitPreprocessor.Digit digit = DigitPreprocessor.prepare(picture, image.toString());
                System.arraycopy(digit.pixels(), 0, ws.input(), 0, pixels);
                backprop.forward(network, ws, 1, trained.cost());
                float[] activations = Arrays.copyOf(ws.output(), outputs);
                int predicted = argmax(activations);
                result.put("digit", predicted);
                result.put("outputs", activations);
                if (!json) {
                    out.printf(Locale.ROOT, "%s: %d  outputs %s%n", image, predicted,
                            IntStream.range(0, outputs)
                                    .mapToObj(j -> String.format(Locale.ROOT, "%.4f", activations[j]))
                                    .collect(Collectors.joining(" ")));
                    if (show) out.print(asText(digit.pixels()));
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
