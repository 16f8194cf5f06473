package dev.descent.training.listener;

import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.training.RunState;
import dev.descent.training.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line on stderr when a run's first epoch ends with the test accuracy of guessing, naming the
 * likely causes: a learning rate too high or too low for the optimizer (Adam at the 3.0 that suits
 * the seed's SGD trains to 10%), or an initialisation that saturates the neurons. "Guessing" is below
 * the smaller of 1.5 / classes and 1 / classes + 0.05: always answering MNIST's most frequent digit
 * scores 0.1135, a network that learned anything at all scores well above 0.15 after an epoch.
 */
public final class ChanceLevelWarning implements TrainingListener {
    private final PrintWriter err;
    private final String optimizer;

    /** {@code optimizer} is the optimizer's plugin name, for the advice. */
    public ChanceLevelWarning(PrintWriter err, String optimizer) {
        this.err = err;
        this.optimizer = optimizer;
    }

    /** Whether {@code accuracy} is what guessing among {@code classes} scores. */
    static boolean atChance(double accuracy, int classes) {
        return accuracy < Math.min(1.5 / classes, 1.0 / classes + 0.05);
    }

    @Override
    public void epochDone(RunState run, EpochResult result, double samplesPerSecond) {
        Network network = run.network();
        int classes = network.size(network.depth() - 1);
        if (result.epoch() != 0 || !atChance(result.testAccuracy(), classes)) return;
        boolean adaptive = optimizer.startsWith("adam");
        String advice = adaptive && result.learningRate() > 0.01
                ? "; " + optimizer + " usually wants a rate near 0.001 (--set training.learning-rate=0.001)"
                : "; try a rate ten times smaller or larger (--set training.learning-rate=...)";
        err.printf(Locale.ROOT, "descent: warning: test accuracy %.4f after epoch 1 is chance level for %d classes;"
                + " likely causes: the learning rate %.4g is too high or too low for the %s optimizer%s, or the"
                + " initialisation (init.weights, init.biases) saturates the neurons%n",
                result.testAccuracy(), classes, result.learningRate(), optimizer, advice);
        err.flush();
    }
}
