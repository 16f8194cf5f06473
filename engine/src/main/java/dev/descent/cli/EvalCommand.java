package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.data.DataDescription;
import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.samples.Task;
import dev.descent.kernel.KernelProvider;
import dev.descent.model.TrainedModel;
import dev.descent.network.Backprop;
import dev.descent.run.TrainingData;
import dev.descent.training.Evaluation;
import dev.descent.training.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code descent eval MODEL}: a trained model on its data set's test images. Prints accuracy, mean cost
 * and the confusion matrix with each class's precision (of the images predicted as the class, the share
 * that are) and recall (of the images of the class, the share found).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure a trained model on the test set: accuracy, mean cost, confusion matrix, precision and "
                + "recall.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgument model = new ModelArgument();

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist or fashion-mnist (default: the data set the model was trained on)")
    String dataset;

    @Option(names = "--test", paramLabel = "FILE_OR_FOLDER",
            description = "measure on this test set instead: a CSV file, a folder of class folders, or an IDX images"
                    + " file (with --test-labels)")
    Path testPath;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "the IDX labels file of an IDX --test")
    Path testLabels;

    @Option(names = "--json", description = "print the results as one JSON object")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "split the test set between N threads (default: ${DEFAULT-VALUE}); the figures do not change")
    int threads;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 1) throw new DescentException("--threads must be at least 1, got " + threads);
        TrainedModel trained = model.load(plugins);
        if (testLabels != null && testPath == null) {
            throw new DescentException("--test-labels " + testLabels + " labels the images of --test; give --test");
        }
        if (testPath != null && dataset != null) {
            throw new DescentException("--dataset " + dataset + " and --test " + testPath + " both name a test set;"
                    + " give one");
        }
        DataDescription description = DataDescription.fromMetadata(trained.file().toString(), trained.metadata());
        Dataset test;
        String testName;
        if (testPath != null) {
            test = TrainingData.readTest(description, testPath, testLabels);
            testName = testPath.toString();
        } else if (dataset != null || DatasetName.ids().contains(description.format())) {
            DatasetName name = ModelArgument.dataset(dataset, trained.file(), trained.metadata());
            test = DataLocator.load(name, data.root, new Downloader(), System.err).test();
            testName = "the " + name.id();
        } else {
            test = ModelArgument.runData(trained.file(), description, data.root).test();
            testName = "its run's";
        }
        test.requireImageSize(trained.inputs(), "the layers of " + trained.file());
        var network = trained.network();
        Evaluation result = new Evaluator(new Backprop(KernelProvider.get()), network, trained.cost(), threads)
                .evaluate(network, test);
        if (description.task() == Task.REGRESSION) return regression(out, trained, description, test, testName, result);
        int[][] confusion = result.confusion();
        double[] precision = precision(confusion);
        double[] recall = recall(confusion);
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) correct += confusion[c][c];

        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", trained.file().toString());
            j.put("dataset", testPath != null ? testPath.toString() : description.format());
            j.put("images", test.count());
            j.put("accuracy", result.accuracy());
            j.put("correct", correct);
            j.put("cost", result.cost());
            j.put("cost_name", trained.costSpec().name());
            j.put("classes", description.classNames());
            j.put("confusion", confusion);
            j.put("precision", orNull(precision));
            j.put("recall", orNull(recall));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
            out.flush();
            return Main.EXIT_OK;
        }
        out.printf(Locale.ROOT, "descent eval: %s (%s, cost %s) on %s test set, %,d %s%n", trained.file(),
                trained.shape(), trained.costSpec().name(), testName, test.count(),
                description.image() != null ? "images" : "rows");
        out.printf(Locale.ROOT, "accuracy   %.4f  (%,d of %,d right)%n", result.accuracy(), correct, test.count());
        out.printf(Locale.ROOT, "mean cost  %.6g%n%n", result.cost());
        List<String> names = description.classNames();
        boolean numbered = true;
        for (int c = 0; c < names.size(); c++) numbered &= names.get(c).equals(Integer.toString(c));
        List<String> rowNames = null;
        if (!numbered && !DatasetName.ids().contains(description.format())) {
            // The columns number the classes; a user's own classes have names, listed once here and beside
            // each row's number.
            List<String> legend = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) legend.add(c + " " + names.get(c));
            out.printf("classes: %s%n", String.join(", ", legend));
            rowNames = legend;
        }
        out.print(confusionTable(confusion, precision, recall, rowNames));
        out.flush();
        return Main.EXIT_OK;
    }

    /** A regression's figures, every error in the targets' own units. */
    private int regression(PrintWriter out, TrainedModel trained, DataDescription description, Dataset test,
                           String testName, Evaluation result) throws IOException {
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", trained.file().toString());
            j.put("dataset", testPath != null ? testPath.toString() : description.format());
            j.put("rows", test.count());
            j.put("targets", description.targetNames());
            j.put("rmse", result.rmse());
            j.put("mae", result.mae());
            j.put("r2", result.r2());
            j.put("cost", result.cost());
            j.put("cost_name", trained.costSpec().name());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
        } else {
            out.printf(Locale.ROOT, "descent eval: %s (%s, cost %s) on %s test set, %,d rows, targets %s%n",
                    trained.file(), trained.shape(), trained.costSpec().name(), testName, test.count(),
                    String.join(", ", description.targetNames()));
            out.printf(Locale.ROOT, "rmse       %.6g%nmae        %.6g%nr2         %.6f%n", result.rmse(), result.mae(),
                    result.r2());
            out.printf(Locale.ROOT, "mean cost  %.6g  (on standardised targets)%n", result.cost());
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Column c: the share of images predicted as c that are c; NaN when none was predicted as c. */
    static double[] precision(int[][] confusion) {
        double[] p = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long predicted = 0;
            for (int[] row : confusion) predicted += row[c];
            p[c] = predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
        }
        return p;
    }

    /** Row c: the share of images of class c predicted as c; NaN when the set has none. */
    static double[] recall(int[][] confusion) {
        double[] r = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long actual = 0;
            for (int n : confusion[c]) actual += n;
            r[c] = actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
        }
        return r;
    }

    private static List<Double> orNull(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) list.add(Double.isNaN(v) ? null : v);
        return list;
    }

    /** The longest row label the table prints whole; longer class names are cut with "...". */
    private static final int ROW_LABEL = 24;

    /**
     * The confusion matrix with recall per row and precision per column; rows are labelled with
     * {@code rowNames} ("0 setosa") or, when null, with the class numbers.
     */
    static String confusionTable(int[][] confusion, double[] precision, double[] recall, List<String> rowNames) {
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < confusion.length; r++) {
            String label = rowNames == null ? Integer.toString(r) : rowNames.get(r);
            labels.add(label.length() <= ROW_LABEL ? label : label.substring(0, ROW_LABEL - 3) + "...");
        }
        int width = Math.max("precision".length(), labels.stream().mapToInt(String::length).max().orElse(0)) + 1;
        String rowLabel = "%-" + width + "s";
        StringBuilder t = new StringBuilder("confusion matrix: a row per true class, a column per predicted class\n");
        t.append(String.format(Locale.ROOT, rowLabel, "true"));
        for (int c = 0; c < confusion.length; c++) t.append(String.format(Locale.ROOT, "%7d", c));
        t.append(String.format(Locale.ROOT, "%9s%n", "recall"));
        for (int r = 0; r < confusion.length; r++) {
            t.append(String.format(Locale.ROOT, rowLabel, labels.get(r)));
            for (int n : confusion[r]) t.append(String.format(Locale.ROOT, "%7d", n));
            t.append(String.format(Locale.ROOT, "%9s%n", share(recall[r])));
        }
        t.append(String.format(Locale.ROOT, rowLabel, "precision"));
        for (double p : precision) t.append(String.format(Locale.ROOT, "%7s", share(p)));
        return t.append('\n').toString();
    }

    private static String share(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
