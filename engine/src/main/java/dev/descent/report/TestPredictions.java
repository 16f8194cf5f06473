package dev.descent.report;

import dev.descent.data.Dataset;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.training.Evaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a network predicts for every test sample: the class with the highest output and that output
 * (the confidence; a probability when the cost brings a softmax output layer).
 */
public final class TestPredictions {
    /** A test sample the network got wrong, with its confidence in the wrong class. */
    public record Mistake(int sample, int actual, int predicted, double confidence) {
    }

    private final Dataset data;
    private final int[] predicted;
    private final float[] confidence;
    private final ConfusionMatrix confusion;

    private TestPredictions(Dataset data, int[] predicted, float[] confidence, ConfusionMatrix confusion) {
        this.data = data;
        this.predicted = predicted;
        this.confidence = confidence;
        this.confusion = confusion;
    }

    /** Runs {@code network} over {@code test} with the kernels and the output activation training used. */
    public static TestPredictions of(Network network, Cost cost, Kernels kernels, Dataset test) {
        int classes = network.size(network.depth() - 1);
        int[] predicted = new int[test.count()];
        float[] confidence = new float[test.count()];
        int[][] counts = new int[classes][classes];
        new Evaluator(new Backprop(kernels), network, cost).forEachOutput(network, test, (sample, out, offset) -> {
            int best = 0;
            for (int j = 1; j < classes; j++) if (out[offset + j] > out[offset + best]) best = j;
            predicted[sample] = best;
            confidence[sample] = out[offset + best];
            int actual = test.label(sample);
            if (actual < classes) counts[actual][best]++;
        });
        return new TestPredictions(test, predicted, confidence, new ConfusionMatrix(counts));
    }

    public ConfusionMatrix confusion() {
        return confusion;
    }

    public int predicted(int sample) {
        return predicted[sample];
    }

    public double confidence(int sample) {
        return confidence[sample];
    }

    /** Up to {@code limit} wrong predictions, most confident first; ties in sample order. */
    public List<Mistake> mostConfidentMistakes(int limit) {
        List<Mistake> wrong = new ArrayList<>();
        for (int s = 0; s < predicted.length; s++) {
            if (predicted[s] != data.label(s)) wrong.add(new Mistake(s, data.label(s), predicted[s], confidence[s]));
        }
        wrong.sort(Comparator.comparingDouble(Mistake::confidence).reversed().thenComparingInt(Mistake::sample));
        return List.copyOf(wrong.subList(0, Math.min(limit, wrong.size())));
    }
}
