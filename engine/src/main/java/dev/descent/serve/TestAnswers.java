package dev.descent.serve;

import dev.descent.data.DataDescription;
import dev.descent.data.Dataset;
import dev.descent.data.samples.Task;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Backprop;
import dev.descent.report.TestPredictions;
import dev.descent.training.Evaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What one network answers for every sample of a test set, for the page's picker: a classification's
 * predicted class and confidence ({@link TestPredictions}, as the report computes them), or a regression's
 * outputs and targets in the targets' own units. "Mistakes" are the most confident wrong classes, or the
 * regressions' largest errors.
 */
final class TestAnswers {
    private final Dataset test;
    private final TestPredictions classes;
    /** Regression only: outputs and targets in target units, {@code outputs} per sample; the error per sample. */
    private final float[] predicted;
    private final float[] actual;
    private final double[] error;
    private final int outputs;

    private TestAnswers(Dataset test, TestPredictions classes, float[] predicted, float[] actual, double[] error,
                        int outputs) {
        this.test = test;
        this.classes = classes;
        this.predicted = predicted;
        this.actual = actual;
        this.error = error;
        this.outputs = outputs;
    }

    static TestAnswers of(LoadedModel model, Dataset test) {
        DataDescription d = test.description();
        if (d.task() == Task.CLASSIFICATION) {
            return new TestAnswers(test, TestPredictions.of(model.network(), model.cost(), ScalarKernels.INSTANCE,
                    test), null, null, null, 0);
        }
        int outputs = d.outputSize();
        float[] predicted = new float[test.count() * outputs];
        float[] actual = Arrays.copyOf(test.targets(), test.targets().length);
        double[] error = new double[test.count()];
        new Evaluator(new Backprop(ScalarKernels.INSTANCE), model.network(), model.cost())
                .forEachOutput(model.network(), test, (sample, out, offset) ->
                        System.arraycopy(out, offset, predicted, sample * outputs, outputs));
        for (int s = 0; s < test.count(); s++) {
            d.toTargetUnits(predicted, s * outputs);
            d.toTargetUnits(actual, s * outputs);
            double sum = 0;
            for (int t = 0; t < outputs; t++) {
                double e = (double) predicted[s * outputs + t] - actual[s * outputs + t];
                sum += e * e;
            }
            error[s] = Math.sqrt(sum);
        }
        return new TestAnswers(test, null, predicted, actual, error, outputs);
    }

    boolean regression() {
        return classes == null;
    }

    /** Classification: the samples predicted wrong. Regression: 0 (no answer is simply wrong). */
    int wrong() {
        if (regression()) return 0;
        int wrong = 0;
        for (int i = 0; i < test.count(); i++) if (classes.predicted(i) != test.label(i)) wrong++;
        return wrong;
    }

    /** Up to {@code limit} samples: the most confident wrong classes, or the largest regression errors. */
    List<Integer> mistakes(int limit) {
        List<Integer> picked = new ArrayList<>();
        if (!regression()) {
            for (TestPredictions.Mistake m : classes.mostConfidentMistakes(limit)) picked.add(m.sample());
            return picked;
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) all.add(i);
        all.sort(Comparator.comparingDouble((Integer i) -> error[i]).reversed().thenComparingInt(i -> i));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    int predictedClass(int sample) {
        return classes.predicted(sample);
    }

    double confidence(int sample) {
        return classes.confidence(sample);
    }

    /** Regression: sample's outputs in target units. */
    float[] predictedValues(int sample) {
        return Arrays.copyOfRange(predicted, sample * outputs, (sample + 1) * outputs);
    }

    /** Regression: sample's targets in target units. */
    float[] actualValues(int sample) {
        return Arrays.copyOfRange(actual, sample * outputs, (sample + 1) * outputs);
    }

    /** Regression: the distance between outputs and targets, in target units. */
    double error(int sample) {
        return error[sample];
    }
}
