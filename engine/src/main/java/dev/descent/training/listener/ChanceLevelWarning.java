package dev.descent.training.listener;

import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One line on stderr when a run's first epoch ends with the test accuracy of guessing, naming the
 * likely causes: a learning rate too high or too low for the optimizer (Adam at the 3.0 that suits
 * the seed's SGD trains to 10%), or an initialisation that saturates the neurons. "Guessing" is below
 * the smaller of 1.5 / classes and 1 / classes + 0.05: always answering MNIST's most frequent digit
 * scores 0.1135, a network that learned anything at all scores well above 0.15 after an epoch. It
 * judges only a test set large enough that guessing lands below that line by at least four standard
 * deviations of its accuracy, sqrt(p (1 - p) / n) for p = 1 / classes (576 images for 10 classes): on
 * a handful of images, chance says nothing.
 */
public final class ChanceLevelWarning implements TrainingListener {
    private final PrintWriter err;
    private final String optimizer;
    private final int testSamples;

    /** {@code optimizer} is the optimizer's plugin name, for the advice; {@code testSamples} the test set's size. */
    public ChanceLevelWarning(PrintWriter err, String optimizer, int testSamples) {
        this.err = err;
        this.optimizer = optimizer;
        this.testSamples = testSamples;
    }

    /** Whether {@code accuracy} on {@code samples} test images is what guessing among {@code classes} scores. */
    static boolean atChance(double accuracy, int classes, int samples) {
        double chance = 1.0 / classes;
        double line = Math.min(1.5 * chance, chance + 0.05);
        boolean telling = line - chance >= 4 * Math.sqrt(chance * (1 - chance) / samples);
        return telling && accuracy < line;
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        Network network = run.network();
        int classes = network.size(network.depth() - 1);
        if (result.epoch() != 0 || !atChance(result.testAccuracy(), classes, testSamples)) return;
        boolean adaptive = optimizer.startsWith("adam");
        String advice = adaptive && result.learningRate() > 0.01
                ? "; " + optimizer + " usually wants a rate near 0.001 (--set training.learning-rate=0.001)"
                : "; try a rate ten times smaller or larger (--set training.learning-rate=...)";
        err.printf(Locale.ROOT, "descent: warning: test accuracy %.4f after epoch 1 is chance level for %d classes;"
                + " likely causes: the learning rate %s is too high or too low for the %s optimizer%s, or the"
                + " initialisation (init.weights, init.biases) saturates the neurons%n",
                result.testAccuracy(), classes, plain(result.learningRate()), optimizer, advice);
        err.flush();
    }

    /** 3 rather than 3.000, 0.001 rather than 1e-03. */
    private static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }
}
