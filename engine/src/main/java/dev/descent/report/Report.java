package dev.descent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataDescription;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.samples.Task;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.run.RunFolder;
import dev.descent.spi.Cost;
import dev.descent.training.Evaluator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the report shows, gathered from a run folder's files, the trained network and the test
 * set. Holds no clock or host detail, so the same inputs always give the same report, byte for byte.
 *
 * @param neurons    the first layer's neurons shown, at most {@link #MAX_NEURONS}; {@code neuronCount} is
 *                   how many the layer has
 * @param classNames a name per output class, e.g. "7" or "Ankle boot"
 */
record Report(String runName, String headline, String configYaml, Map<String, String> summary,
                     List<EpochMetrics> epochs, ConfusionMatrix confusion, List<String> classNames,
                     String weightsTitle, List<NeuronImage> neurons, int neuronCount, List<MistakeImage> mistakes,
                     List<RegressionCharts> regression) {
    /** More neuron images than this would make the page heavy and unreadable. */
    public static final int MAX_NEURONS = 256;
    public static final int MISTAKES = 16;

    /** Neuron {@code neuron}'s incoming weights as an image; {@code scale} = its largest absolute weight. */
    public record NeuronImage(int neuron, double scale, BufferedImage image) {
    }

    /** A wrong test prediction and the test image. */
    public record MistakeImage(TestPredictions.Mistake mistake, BufferedImage image) {
    }

    public Report {
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        epochs = List.copyOf(epochs);
        classNames = List.copyOf(classNames);
        neurons = List.copyOf(neurons);
        mistakes = List.copyOf(mistakes);
        regression = List.copyOf(regression);
    }

    /**
     * Reads config.yaml (as text), metrics.csv and summary.json from {@code folder} and measures
     * {@code network} on {@code test} with the cost's output activation and the config's kernels.
     */
    public static Report build(Path folder, ExperimentConfig config, Network network, Cost cost, Dataset test) {
        String configYaml = readText(folder.resolve(RunFolder.CONFIG));
        List<EpochMetrics> epochs = EpochMetrics.read(folder.resolve(RunFolder.METRICS));
        Map<String, String> summary = readSummary(folder.resolve(RunFolder.SUMMARY));
        test.requireImageSize(network.size(0), "the network's first layer");

        String choice = config.training().kernels();
        Kernels kernels = choice.equals("auto") ? KernelProvider.get() : KernelProvider.forName(choice);
        boolean regressing = test.description().task() == Task.REGRESSION;
        TestPredictions predictions = regressing ? null : TestPredictions.of(network, cost, kernels, test);
        ConfusionMatrix confusion = regressing ? null : predictions.confusion();
        // A built-in set's names follow the run's config, whatever set the test images were read from.
        List<String> names = config.data().builtIn()
                ? DataDescription.builtIn(DatasetName.of(config.data().dataset(), "data.dataset")).classNames()
                : test.description().classNames();

        int rows = test.rows();
        int cols = test.cols();
        int first = network.size(1);
        float[] weights = network.neuronMajorWeights(1);
        List<NeuronImage> neurons = new ArrayList<>();
        for (int j = 0; j < Math.min(first, MAX_NEURONS); j++) {
            int offset = j * network.size(0);
            double scale = 0;
            for (int k = 0; k < network.size(0); k++) scale = Math.max(scale, Math.abs(weights[offset + k]));
            if (scale == 0) scale = 1;   // an all-zero neuron: draw it white, not NaN
            neurons.add(new NeuronImage(j, scale, Pngs.weights(weights, offset, rows, cols, scale)));
        }
        String weightsTitle = network.depth() > 2 ? "first hidden layer" : "output layer";

        List<MistakeImage> mistakes = new ArrayList<>();
        for (TestPredictions.Mistake m : regressing ? List.<TestPredictions.Mistake>of()
                : predictions.mostConfidentMistakes(MISTAKES)) {
            if (test.description().image() == null) break;   // a table's row is no picture
            mistakes.add(new MistakeImage(m, Pngs.grey(pixels(test, m.sample()), 0, rows, cols)));
        }
        String layers = Arrays.stream(network.sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        List<RegressionCharts> regression = regressing ? regression(network, cost, kernels, test) : List.of();
        String result = regressing ? String.format(Locale.ROOT, "test rmse %.4g%s", rmse(regression),
                regression.size() == 1 ? "" : " over all targets")
                : String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * confusion.accuracy());
        String headline = String.format(Locale.ROOT, "%s %s network, %s cost, %s: %s after %d epoch%s", layers,
                network.activation().configName(), config.cost().name(), config.data().dataset(), result,
                epochs.size(), epochs.size() == 1 ? "" : "s");
        String runName = folder.toAbsolutePath().normalize().getFileName() == null ? folder.toString()
                : folder.toAbsolutePath().normalize().getFileName().toString();
        return new Report(runName, headline, configYaml, summary, epochs, confusion, names, weightsTitle, neurons,
                first, mistakes, regression);
    }

    /** Per target, the test set's actual values and the predictions, both in the target's units. */
    private static List<RegressionCharts> regression(Network network, Cost cost, Kernels kernels, Dataset test) {
        DataDescription d = test.description();
        int width = d.outputSize();
        float[] actual = test.targets().clone();
        float[] predicted = new float[actual.length];
        for (int at = 0; at < actual.length; at += width) d.toTargetUnits(actual, at);
        new Evaluator(new Backprop(kernels), network, cost).forEachOutput(network, test, (sample, outputs, offset) -> {
            System.arraycopy(outputs, offset, predicted, sample * width, width);
            d.toTargetUnits(predicted, sample * width);
        });
        List<RegressionCharts> charts = new ArrayList<>();
        for (int t = 0; t < width; t++) {
            float[] a = new float[test.count()];
            float[] p = new float[test.count()];
            for (int i = 0; i < a.length; i++) {
                a[i] = actual[i * width + t];
                p[i] = predicted[i * width + t];
            }
            charts.add(new RegressionCharts(d.targetNames().get(t), a, p));
        }
        return charts;
    }

    private static double rmse(List<RegressionCharts> charts) {
        double squared = 0;
        long n = 0;
        for (RegressionCharts c : charts) {
            for (int i = 0; i < c.actual().length; i++) {
                double e = (double) c.predicted()[i] - c.actual()[i];
                squared += e * e;
                n++;
            }
        }
        return Math.sqrt(squared / Math.max(1, n));
    }

    /** Sample {@code i}'s pixels as bytes: a pixel set's own, or a float set's inputs times 255, rounded. */
    private static byte[] pixels(Dataset test, int i) {
        int n = test.imageSize();
        if (test.hasPixels()) return Arrays.copyOfRange(test.pixels(), i * n, (i + 1) * n);
        byte[] b = new byte[n];
        float[] f = test.features();
        for (int k = 0; k < n; k++) b[k] = (byte) Math.clamp(Math.round(f[i * n + k] * 255f), 0, 255);
        return b;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DescentException("cannot read " + file + ": the file does not exist");
        } catch (IOException e) {
            throw new DescentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** summary.json's top-level fields in file order, each value as JSON text (strings unquoted). */
    static Map<String, String> readSummary(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(readText(file));
        } catch (JsonProcessingException e) {
            throw new DescentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DescentException(file + " is not a JSON object of summary fields");
        }
        Map<String, String> summary = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            summary.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
        }
        return summary;
    }
}
