package dev.descent.report;

import dev.descent.DescentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a run's metrics.csv: epoch counts from 1; costs are means per sample; accuracies in
 * [0, 1]; the validation figures are NaN when the run held out no validation set; the test set's root
 * mean square error (a regression's, in its targets' units) NaN for a classification.
 */
record EpochMetrics(int epoch, double trainCost, double testCost, double testAccuracy, double gradientNorm,
                           double learningRate, double validationCost, double validationAccuracy, double testRmse) {
    EpochMetrics(int epoch, double trainCost, double testCost, double testAccuracy, double gradientNorm,
                 double learningRate, double validationCost, double validationAccuracy) {
        this(epoch, trainCost, testCost, testAccuracy, gradientNorm, learningRate, validationCost,
                validationAccuracy, Double.NaN);
    }

    static final List<String> REQUIRED =
            List.of("epoch", "train_cost", "test_cost", "test_accuracy", "gradient_norm", "learning_rate");

    public boolean hasValidation() {
        return !Double.isNaN(validationCost);
    }

    /** Reads metrics.csv as {@code RunFolder} writes it; columns are found by name, extra ones ignored. */
    public static List<EpochMetrics> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new DescentException("cannot read " + file + ": the file does not exist");
        } catch (IOException e) {
            throw new DescentException("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) throw new DescentException(file + " is empty; expected a header and a row per epoch");
        List<String> header = Arrays.asList(lines.getFirst().strip().split(",", -1));
        int[] column = new int[REQUIRED.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = header.indexOf(REQUIRED.get(i));
            if (column[i] < 0) {
                throw new DescentException(file + ": the header has no column " + REQUIRED.get(i) + "; expected "
                        + String.join(",", REQUIRED) + ",...");
            }
        }
        int validationCost = header.indexOf("validation_cost");
        int validationAccuracy = header.indexOf("validation_accuracy");
        int testRmse = header.indexOf("test_rmse");
        List<EpochMetrics> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new DescentException(file + " line " + (n + 1) + ": " + cells.length
                        + " values but the header has "
                        + header.size() + " columns");
            }
            double epoch = number(file, n, cells, column[0], "epoch");
            if (epoch != Math.rint(epoch) || epoch < 1) {
                throw new DescentException(file + " line " + (n + 1) + ": epoch '" + cells[column[0]]
                        + "' is not a whole number >= 1");
            }
            rows.add(new EpochMetrics((int) epoch, number(file, n, cells, column[1], "train_cost"),
                    number(file, n, cells, column[2], "test_cost"), number(file, n, cells, column[3], "test_accuracy"),
                    number(file, n, cells, column[4], "gradient_norm"),
                    number(file, n, cells, column[5], "learning_rate"),
                    validationCost < 0 ? Double.NaN : number(file, n, cells, validationCost, "validation_cost"),
                    validationAccuracy < 0 ? Double.NaN
                            : number(file, n, cells, validationAccuracy, "validation_accuracy"),
                    testRmse < 0 ? Double.NaN : number(file, n, cells, testRmse, "test_rmse")));
        }
        if (rows.isEmpty()) throw new DescentException(file + " has a header but no epochs");
        return List.copyOf(rows);
    }

    private static double number(Path file, int n, String[] cells, int column, String name) {
        try {
            return Double.parseDouble(cells[column].strip());
        } catch (NumberFormatException e) {
            throw new DescentException(file + " line " + (n + 1) + ": " + name + " '" + cells[column]
                    + "' is not a number");
        }
    }
}
