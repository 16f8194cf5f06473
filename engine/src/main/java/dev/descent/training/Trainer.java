package dev.descent.training;

import dev.descent.data.Dataset;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Optimizer;
import dev.descent.spi.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Mini-batch gradient descent. Each epoch shuffles the training set with the epoch's own generator,
 * and for each mini-batch of m samples runs forward and backward passes and lets the optimizer step
 * every parameter against its mean gradient (plain SGD: {@code w <- w - eta * (1/m) * sum of dC/dw}).
 * After each epoch it evaluates on the test set (and the validation set, if any). The loop announces
 * what it does to {@link TrainingListener}s: early stopping, checkpoints, divergence checks, progress
 * and logs are listeners ({@code dev.descent.training.listener}). A stop asked for from outside
 * ({@link Builder#stopWhen}, polled after every mini-batch) ends the run after its mini-batch.
 *
 * <p>The reported gradient norm is that of the epoch's mean gradient (the average over the epoch's
 * mini-batches of their mean gradients): an estimate of the full training-set gradient along the path
 * the epoch took, exact when a batch is the whole training set.
 */
public final class Trainer {
    private final Settings settings;
    private final TrainingListener[] listeners;   // walked after every mini-batch: an array needs no iterator
    private final BooleanSupplier stopRequested;

    /** What every run of this trainer shares; {@code dropout[l]} is layer l's rate (null or all 0: none). */
    record Settings(Backprop backprop, Cost cost, LearningRateSchedule schedule, Supplier<Optimizer> optimizers,
                    int epochs, int batchSize, double weightDecay, float[] dropout, long shuffleSeed,
                    long dropoutSeed, int evaluationThreads) { }

    private Trainer(Settings settings, List<TrainingListener> listeners, BooleanSupplier stopRequested) {
        this.settings = settings;
        this.listeners = listeners.toArray(TrainingListener[]::new);
        this.stopRequested = stopRequested;
    }

    /** A trainer that runs on {@code kernels} and descends on {@code cost}; the rest is set by name. */
    public static Builder builder(Kernels kernels, Cost cost) {
        return new Builder(kernels, cost);
    }

    /**
     * Steps a throwaway copy of the network (own optimizer, own dropout draws) as long as {@code warmUp}
     * says, so that the JIT has compiled the kernels before the first timed epoch. Touches neither the
     * network nor any seed, so results do not depend on it. Returns the seconds it took.
     */
    public double warmUp(Network network, Dataset train, WarmUp warmUp) {
        Session session = new Session(network.copy(), train, 0);
        return warmUp.run(() -> session.step(1e-3));
    }

    /** Mini-batches over a network in data order, with no epochs around them: what benchmarks time. */
    public Session session(Network network, Dataset train) {
        return new Session(network, train, settings.dropoutSeed());
    }

    /** Steps one network through its training set batch after batch, wrapping around at the end. */
    public final class Session {
        private final Network network;
        private final MiniBatches batches;
        private int from;
        private long steps;

        private Session(Network network, Dataset train, long dropoutSeed) {
            this.network = network;
            this.batches = new MiniBatches(settings, network, train, settings.optimizers().get(),
                    new SplittableRandom(dropoutSeed));
        }

        /** One full mini-batch at learning rate {@code rate}; returns its summed cost. */
        public double step(double rate) {
            int m = batches.size();
            if (from + m > batches.order.length) from = 0;
            double cost = batches.step(network, from, m, rate, ++steps);
            from += m;
            return cost;
        }
    }

    /** Trains a fresh run, measuring {@code validation} (may be null) and {@code test} after each epoch. */
    public TrainingResult train(Network network, Dataset train, Dataset validation, Dataset test) {
        return run(start(network, train), validation, test);
    }

    /**
     * Continues the run that {@code state} saved (see {@link Resume}): the network's parameters are
     * replaced by the state's, and the run ends with the bits an uninterrupted one would have.
     */
    public TrainingResult resume(TrainingState state, Network network, Dataset train, Dataset validation,
                                 Dataset test) {
        RunState run = start(network, train);
        Resume.restore(state, run, settings.schedule());
        return run(run, validation, test);
    }

    private RunState start(Network network, Dataset train) {
        MiniBatches batches = new MiniBatches(settings, network, train, settings.optimizers().get(),
                new SplittableRandom(settings.dropoutSeed()));
        return new RunState(network, batches, settings.epochs());
    }

    private TrainingResult run(RunState run, Dataset validation, Dataset test) {
        Network network = run.network();
        MiniBatches batches = run.batches;
        LearningRateSchedule schedule = settings.schedule();
        Evaluator evaluator = new Evaluator(settings.backprop(), network, settings.cost(),
                settings.evaluationThreads());
        int epochs = settings.epochs();
        int stepsPerEpoch = run.stepsPerEpoch();
        int count = run.samples();
        int m = batches.size();
        for (TrainingListener listener : listeners) listener.started(run);
        training:
        for (int epoch = run.nextEpoch(); epoch < epochs; epoch = run.nextEpoch()) {
            batches.startEpoch(epoch, run.stepInEpoch(), settings.shuffleSeed(), settings.dropoutSeed());
            run.startEpoch();
            for (int s = run.stepInEpoch(); s < stepsPerEpoch; s++) {
                long step = (long) epoch * stepsPerEpoch + s;
                double rate = schedule.rate(new TrainingProgress(epoch, step, stepsPerEpoch, epochs));
                int from = s * m;
                run.batchDone(batches.step(network, from, Math.min(m, count - from), rate, step + 1), rate);
                for (TrainingListener listener : listeners) listener.batchDone(run);
                if (s + 1 < stepsPerEpoch && stopRequested.getAsBoolean()) {
                    stop(run);
                    break training;
                }
            }
            double seconds = run.endEpoch();
            double gradientNorm = batches.epochGradientNorm() / stepsPerEpoch;
            Evaluation evaluation = evaluator.evaluate(network, test);
            Evaluation held = validation != null ? evaluator.evaluate(network, validation) : null;
            EpochResult result = new EpochResult(epoch, run.costSum() / count, evaluation.cost(),
                    evaluation.accuracy(), gradientNorm, run.rate(), seconds,
                    held != null ? held.cost() : Double.NaN, held != null ? held.accuracy() : Double.NaN,
                    evaluation.rmse(), evaluation.mae(), evaluation.r2());
            run.add(result);
            for (TrainingListener listener : listeners) listener.epochDone(run, result, count / seconds);
            schedule.epochEnded(result);
            // The last epoch ends the run anyway: a stop asked for during it changes nothing.
            if (epoch + 1 < epochs && stopRequested.getAsBoolean()) stop(run);
            if (run.stopReason() != null) break;
        }
        TrainingResult.StopReason reason = run.stopReason() != null ? run.stopReason()
                : TrainingResult.StopReason.EPOCHS_DONE;
        for (TrainingListener listener : listeners) listener.finished(run, reason);
        return run.result(reason);
    }

    /** The stop asked for from outside: listeners hear of it before the run returns. */
    private void stop(RunState run) {
        for (TrainingListener listener : listeners) listener.stopRequested(run);
        run.stop(TrainingResult.StopReason.INTERRUPTED);
    }

    /**
     * The settings of a trainer, by name. The schedule and the optimizer must be given; the defaults of
     * the rest: 1 epoch, mini-batches of 10, no weight decay, no dropout, shuffle seed 0, evaluation on one
     * thread, no listeners, never stopped from outside.
     */
    public static final class Builder {
        private final Kernels kernels;
        private final Cost cost;
        private LearningRateSchedule schedule;
        private Supplier<Optimizer> optimizers;
        private int epochs = 1;
        private int batchSize = 10;
        private double weightDecay;
        private float[] dropout;
        private long shuffleSeed;
        private long dropoutSeed;
        private int evaluationThreads = 1;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private BooleanSupplier stopRequested = () -> false;

        private Builder(Kernels kernels, Cost cost) {
            this.kernels = Objects.requireNonNull(kernels, "kernels");
            this.cost = Objects.requireNonNull(cost, "cost");
        }

        public Builder schedule(LearningRateSchedule value) {
            schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /** Makes a fresh optimizer for each run of mini-batches (a warm-up gets its own). */
        public Builder optimizers(Supplier<Optimizer> value) {
            optimizers = Objects.requireNonNull(value, "optimizers");
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** L2 weight decay added to every weight's mean gradient (0: none). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** Each epoch's order comes from this seed and the epoch number alone. */
        public Builder shuffleSeed(long value) {
            shuffleSeed = value;
            return this;
        }

        /** Inverted dropout: {@code rates[l]} is layer l's rate; each epoch draws from the seed and the epoch. */
        public Builder dropout(float[] rates, long seed) {
            dropout = rates == null ? null : rates.clone();
            dropoutSeed = seed;
            return this;
        }

        /**
         * The threads that measure the network after each epoch (see {@link Evaluator}); the results do not
         * depend on it.
         */
        public Builder evaluationThreads(int value) {
            if (value < 1) throw new IllegalArgumentException("evaluation threads must be at least 1, got " + value);
            evaluationThreads = value;
            return this;
        }

        /** Adds a listener; listeners hear each event in the order they were added. */
        public Builder listener(TrainingListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Polled after every mini-batch: when true, the run stops there (telling its listeners). */
        public Builder stopWhen(BooleanSupplier value) {
            stopRequested = Objects.requireNonNull(value, "stopWhen");
            return this;
        }

        public Trainer build() {
            if (schedule == null || optimizers == null) {
                throw new IllegalStateException("a trainer needs a schedule and an optimizer");
            }
            Settings settings = new Settings(new Backprop(kernels), cost, schedule, optimizers, epochs, batchSize,
                    weightDecay, dropout, shuffleSeed, dropoutSeed, evaluationThreads);
            return new Trainer(settings, listeners, stopRequested);
        }
    }
}
