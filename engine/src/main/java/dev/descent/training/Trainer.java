package dev.descent.training;

import dev.descent.DescentException;
import dev.descent.config.EarlyStop;
import dev.descent.data.Dataset;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Dropout;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Optimizer;
import dev.descent.spi.TrainingProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.random.RandomGenerator;

/**
 * Mini-batch gradient descent. Each epoch shuffles the training set with the seeded generator, and
 * for each mini-batch of m samples runs forward and backward passes and lets the optimizer step every
 * parameter against its mean gradient (plain SGD: {@code w <- w - eta * (1/m) * sum of dC/dw}). After
 * each epoch it evaluates on the test set and tells the listener.
 *
 * <p>The reported gradient norm is that of the epoch's mean gradient (the average over the epoch's
 * mini-batches of their mean gradients): an estimate of the full training-set gradient along the path
 * the epoch took, exact when a batch is the whole training set. The optional stop rule compares it
 * with {@code training.stop.gradient-norm}.
 */
public final class Trainer {
    private final Backprop backprop;
    private final Cost cost;
    private final LearningRateSchedule schedule;
    private final Supplier<Optimizer> optimizers;
    private final double weightDecay;
    private final int batchSize;
    private final int epochs;
    private final double stopGradientNorm;
    private final EarlyStop earlyStop;
    private final float[] dropoutRates;
    private final long dropoutSeed;
    private final long shuffleSeed;

    /**
     * {@code optimizers} makes a fresh optimizer for each run of batches (the warm-up gets its own, so
     * the real run's optimizer state starts clean).
     */
    public Trainer(Kernels kernels, Cost cost, LearningRateSchedule schedule, Supplier<Optimizer> optimizers,
                   double weightDecay, int epochs, int batchSize, double stopGradientNorm, EarlyStop earlyStop,
                   RandomGenerator shuffleRandom) {
        this(kernels, cost, schedule, optimizers, weightDecay, epochs, batchSize, stopGradientNorm, earlyStop,
                shuffleRandom, null, null);
    }

    /** With inverted dropout: {@code dropout[l]} is layer l's rate (null or all 0: none). */
    public Trainer(Kernels kernels, Cost cost, LearningRateSchedule schedule, Supplier<Optimizer> optimizers,
                   double weightDecay, int epochs, int batchSize, double stopGradientNorm, EarlyStop earlyStop,
                   RandomGenerator shuffleRandom, float[] dropout, RandomGenerator dropoutRandom) {
        this.backprop = new Backprop(kernels);
        this.cost = cost;
        this.schedule = schedule;
        this.optimizers = optimizers;
        this.weightDecay = weightDecay;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.stopGradientNorm = stopGradientNorm;
        this.earlyStop = earlyStop;
        this.dropoutRates = dropout;
        // Seeds, not generators: each epoch derives its own generators from them (see forEpoch).
        this.dropoutSeed = dropoutRandom != null ? dropoutRandom.nextLong() : 0;
        this.shuffleSeed = shuffleRandom.nextLong();
    }

    /**
     * Steps a throwaway copy of the network through up to {@code steps} mini-batches, stopping early after
     * {@code maxSeconds}, so that the JIT has
     * compiled the kernels before the first timed epoch: until C2 compiles them, Vector API calls run
     * as boxed objects about ten times slower. Touches neither the network nor the shuffling
     * generator, so results do not depend on it. Returns the seconds it took.
     */
    public double warmUp(Network network, Dataset train, int steps, double maxSeconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        // A copy, and its own dropout stream, so that warming up leaves the run untouched.
        Session session = new Session(network.copy(), train, new SplittableRandom(0));
        for (int step = 0; step < steps && System.nanoTime() < deadline; step++) session.step(1e-3);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Mini-batches over a network in data order, with no epochs around them: what benchmarks time. */
    public Session session(Network network, Dataset train) {
        return new Session(network, train, new SplittableRandom(dropoutSeed));
    }

    /** Steps one network through its training set batch after batch, wrapping around at the end. */
    public final class Session {
        private final Network network;
        private final Dataset train;
        private final Buffers buffers;
        private int from;
        private long steps;

        private Session(Network network, Dataset train, RandomGenerator dropoutDraws) {
            this.network = network;
            this.train = train;
            this.buffers = new Buffers(network, train.count(), dropoutDraws);
        }

        /** One full mini-batch at learning rate {@code rate}; returns its summed cost. */
        public double step(double rate) {
            int m = buffers.ws.capacity();
            if (from + m > train.count()) from = 0;
            double cost = Trainer.this.step(network, train, buffers, from, m, rate, ++steps);
            from += m;
            return cost;
        }
    }

    public TrainingResult train(Network network, Dataset train, Dataset test, EpochListener listener) {
        return train(network, train, null, test, listener, RunControl.NONE);
    }

    public TrainingResult train(Network network, Dataset train, Dataset validation, Dataset test,
                                EpochListener listener) {
        return train(network, train, validation, test, listener, RunControl.NONE);
    }

    /**
     * Trains for the configured epochs, measuring {@code validation} (may be null) and {@code test}
     * after each. With early stopping, stops when the validation metric has not improved for the
     * patience, and leaves the network holding the best epoch's weights. {@code control} may resume
     * from a saved state (the network's parameters are then replaced by the state's), asks for
     * checkpoints, and may stop the run at the end of a mini-batch.
     */
    public TrainingResult train(Network network, Dataset train, Dataset validation, Dataset test,
                                EpochListener listener, RunControl control) {
        int count = train.count();
        Buffers buffers = new Buffers(network, count, new SplittableRandom(dropoutSeed));
        int m = buffers.ws.capacity();
        int stepsPerEpoch = (count + m - 1) / m;
        Evaluator evaluator = new Evaluator(backprop, network, cost);

        List<EpochResult> results = new ArrayList<>();
        Network best = earlyStop != null ? network.copy() : null;
        EarlyStopWatch watch = new EarlyStopWatch();
        TrainingState resume = control.resumeFrom();
        if (resume != null) restore(resume, network, buffers, best, results, watch);

        TrainingResult.StopReason reason = TrainingResult.StopReason.EPOCHS_DONE;
        double trainSeconds = results.stream().mapToDouble(EpochResult::seconds).sum();
        int firstEpoch = resume != null ? resume.epoch() : 0;
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            boolean midEpoch = resume != null && epoch == firstEpoch && resume.stepInEpoch() > 0;
            int firstStep = midEpoch ? resume.stepInEpoch() : 0;
            shuffle(buffers.order, epoch);
            if (buffers.dropout != null) {
                buffers.dropout.restart(forEpoch(dropoutSeed, epoch));
                for (int s = 0; s < firstStep; s++) buffers.dropout.skip(Math.min(m, count - s * m));
            }
            if (!midEpoch) buffers.clearEpochGradient();
            double costSum = midEpoch ? resume.costSum() : 0;
            double secondsBefore = midEpoch ? resume.epochSeconds() : 0;
            double rate = 0;
            long start = System.nanoTime();
            for (int stepInEpoch = firstStep; stepInEpoch < stepsPerEpoch; stepInEpoch++) {
                int from = stepInEpoch * m;
                long step = (long) epoch * stepsPerEpoch + stepInEpoch;
                rate = schedule.rate(new TrainingProgress(epoch, step, stepsPerEpoch, epochs));
                double batchCost = step(network, train, buffers, from, Math.min(m, count - from), rate, step + 1);
                if (!Double.isFinite(batchCost) || !Double.isFinite(rate)) {
                    throw diverged(epoch, step, batchCost, rate);
                }
                costSum += batchCost;
                boolean epochDone = stepInEpoch + 1 == stepsPerEpoch;
                if ((stepInEpoch & 63) == 63 || epochDone) {
                    control.progress().update(epoch, Math.min(count, (long) (stepInEpoch + 1) * m), count, costSum,
                            secondsBefore + (System.nanoTime() - start) / 1e9);
                }
                if (!epochDone && control.stopRequested().getAsBoolean()) {
                    double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
                    control.checkpoints().accept(state(epoch, stepInEpoch + 1, costSum, seconds, results, network,
                            buffers, best));
                    return result(results, TrainingResult.StopReason.INTERRUPTED, trainSeconds + seconds, count,
                            network, best, watch);
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
            trainSeconds += seconds;
            double gradientNorm = buffers.epochGradientNorm(backprop.kernels()) / stepsPerEpoch;
            if (!Double.isFinite(gradientNorm)) throw diverged(epoch, (long) (epoch + 1) * stepsPerEpoch - 1, gradientNorm, rate);
            // A finite gradient times a large rate can still overflow a weight; such weights must not
            // reach the checkpoint, which would replace the last good one.
            float bad = firstNonFinite(network);
            if (bad != 0) throw diverged(epoch, (long) (epoch + 1) * stepsPerEpoch - 1, bad, rate);
            Evaluation evaluation = evaluator.evaluate(network, test);
            Evaluation held = validation != null ? evaluator.evaluate(network, validation) : null;
            EpochResult result = new EpochResult(epoch, costSum / count, evaluation.cost(), evaluation.accuracy(),
                    gradientNorm, rate, seconds, held != null ? held.cost() : Double.NaN,
                    held != null ? held.accuracy() : Double.NaN);
            results.add(result);
            schedule.epochEnded(result);
            listener.epochEnded(result, count / seconds);
            boolean patienceRanOut = watch.observe(result, network, best);
            boolean lastEpoch = epoch + 1 == epochs;
            boolean stop = !lastEpoch && control.stopRequested().getAsBoolean();
            if (stop || (control.checkpointEvery() > 0 && (epoch + 1) % control.checkpointEvery() == 0)) {
                control.checkpoints().accept(state(epoch + 1, 0, 0, 0, results, network, buffers, best));
            }
            if (patienceRanOut) {
                reason = TrainingResult.StopReason.EARLY_STOP;
                break;
            }
            if (stopGradientNorm > 0 && gradientNorm < stopGradientNorm) {
                reason = TrainingResult.StopReason.GRADIENT_NORM;
                break;
            }
            if (stop) {
                reason = TrainingResult.StopReason.INTERRUPTED;
                break;
            }
        }
        return result(results, reason, trainSeconds, count, network, best, watch);
    }

    private TrainingResult result(List<EpochResult> results, TrainingResult.StopReason reason, double trainSeconds,
                                  int count, Network network, Network best, EarlyStopWatch watch) {
        int kept = results.size() - 1;
        // An interrupted run keeps its current weights: they are what a resume continues from.
        if (best != null && watch.bestEpoch >= 0 && reason != TrainingResult.StopReason.INTERRUPTED) {
            network.copyFrom(best);
            kept = watch.bestEpoch;
        }
        return new TrainingResult(List.copyOf(results), reason, trainSeconds, (long) results.size() * count, kept);
    }

    /** The best epoch so far under early stopping, and whether patience has run out. */
    private final class EarlyStopWatch {
        int bestEpoch = -1;
        double bestMetric = Double.NaN;

        /** Notes an epoch's result (saving the network as the best when it is); true when patience ran out. */
        boolean observe(EpochResult result, Network network, Network best) {
            if (earlyStop == null) return false;
            double metric = earlyStop.higherIsBetter() ? result.validationAccuracy() : -result.validationCost();
            if (bestEpoch < 0 || metric > bestMetric) {
                bestMetric = metric;
                bestEpoch = result.epoch();
                if (network != null) best.copyFrom(network);
                return false;
            }
            return result.epoch() - bestEpoch > earlyStop.patience();
        }
    }

    private TrainingState state(int epoch, int stepInEpoch, double costSum, double seconds, List<EpochResult> results,
                                Network network, Buffers buffers, Network best) {
        List<float[]> optimizerState = buffers.optimizer.state().stream().map(float[]::clone).toList();
        return new TrainingState(epoch, stepInEpoch, costSum, seconds, results, network.copy(),
                copy(buffers.epochWeightGradient), copy(buffers.epochBiasGradient), optimizerState,
                best != null ? best.copy() : null);
    }

    private static float[][] copy(float[][] arrays) {
        float[][] c = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) c[i] = arrays[i] == null ? null : arrays[i].clone();
        return c;
    }

    /** Copies a saved array into a live one, which may be longer by the kernels' slack. */
    private static void copyInto(float[] saved, float[] live, String what) {
        if (saved.length > live.length || saved.length < live.length - Kernels.SLACK) {
            throw new DescentException("the checkpoint's " + what + " has " + saved.length + " values where this run has "
                    + live.length + "; it was saved by a different network or optimizer");
        }
        System.arraycopy(saved, 0, live, 0, saved.length);
    }

    /** Puts a saved state back: parameters, optimizer and epoch sums, and the schedule by replaying results. */
    private void restore(TrainingState state, Network network, Buffers buffers, Network best,
                         List<EpochResult> results, EarlyStopWatch watch) {
        network.copyFrom(state.network());
        List<float[]> target = buffers.optimizer.state();
        if (target.size() != state.optimizerState().size()) {
            throw new DescentException("the checkpoint holds " + state.optimizerState().size()
                    + " optimizer state arrays but this optimizer has " + target.size()
                    + "; resume with the optimizer the run was started with");
        }
        for (int i = 0; i < target.size(); i++) copyInto(state.optimizerState().get(i), target.get(i), "optimizer state " + i);
        for (int l = 1; l < network.depth(); l++) {
            copyInto(state.epochWeightGradient()[l], buffers.epochWeightGradient[l], "epoch weight gradient " + l);
            copyInto(state.epochBiasGradient()[l], buffers.epochBiasGradient[l], "epoch bias gradient " + l);
        }
        for (EpochResult r : state.results()) {
            results.add(r);
            schedule.epochEnded(r);
            watch.observe(r, null, best);
        }
        if (best != null && state.best() != null) best.copyFrom(state.best());
    }

    /**
     * One mini-batch, samples {@code order[from .. from+rows)}: forward, backward, the optimizer's
     * step for every weight and bias tensor, and the batch's mean gradient added to the epoch's.
     * Returns the batch's summed cost. Warm-up runs exactly this code, so the JIT has compiled it
     * before the first timed epoch.
     */
    private double step(Network network, Dataset train, Buffers buffers, int from, int rows, double rate, long step) {
        Kernels kernels = backprop.kernels();
        Workspace ws = buffers.ws;
        Batches.load(kernels, train, buffers.order, from, rows, ws, buffers.outputs);
        buffers.touched += Batches.touch(train, buffers.order, from + rows, rows);
        backprop.forward(network, ws, rows, cost, buffers.dropout);
        float scale = 1f / rows;
        double batchCost = buffers.fusedWeightStep
                ? backprop.backwardAndStep(network, ws, rows, cost, buffers.dropout, scale,
                        buffers.epochWeightGradient, (float) (-rate * scale))
                : backprop.backward(network, ws, rows, cost, buffers.dropout);
        for (int l = 1; l < network.depth(); l++) {
            if (!buffers.fusedWeightStep) {
                float[] gw = ws.weightGradient(l);
                int weights = network.size(l - 1) * network.size(l);
                kernels.axpy(weights, scale, gw, buffers.epochWeightGradient[l]);
                if (weightDecay > 0) {
                    // L2: the mean gradient gains weightDecay * w, so the batch sum gains rows times that.
                    kernels.axpy(weights, (float) (weightDecay * rows), network.weights(l), gw);
                }
                buffers.optimizer.step(2 * (l - 1), network.weights(l), gw, weights, scale, rate, step);
            }
            float[] gb = ws.biasGradient(l);
            int biases = network.size(l);
            kernels.axpy(biases, scale, gb, buffers.epochBiasGradient[l]);
            buffers.optimizer.step(2 * (l - 1) + 1, network.biases(l), gb, biases, scale, rate, step);
        }
        return batchCost;
    }

    /** Everything a run of mini-batches needs besides the network, allocated once. */
    private final class Buffers {
        final Workspace ws;
        final int outputs;
        final int[] order;
        final float[][] epochWeightGradient;
        final float[][] epochBiasGradient;
        final Optimizer optimizer;
        /** Plain SGD without weight decay: the weights step inside the backward pass. */
        final boolean fusedWeightStep;
        final Dropout dropout;
        /** Sum of the bytes {@link Batches#touch} read ahead; kept only so that the loads stay. */
        int touched;

        Buffers(Network network, int count, RandomGenerator dropoutDraws) {
            ws = new Workspace(network.sizes(), Math.min(batchSize, count));
            outputs = network.size(network.depth() - 1);
            order = new int[count];
            for (int i = 0; i < count; i++) order[i] = i;
            epochWeightGradient = new float[network.depth()][];
            epochBiasGradient = new float[network.depth()][];
            for (int l = 1; l < network.depth(); l++) {
                epochWeightGradient[l] = new float[network.weights(l).length];
                epochBiasGradient[l] = new float[network.biases(l).length];
            }
            optimizer = optimizers.get();
            int[] lengths = new int[2 * (network.depth() - 1)];
            for (int l = 1; l < network.depth(); l++) {
                lengths[2 * (l - 1)] = network.size(l - 1) * network.size(l);
                lengths[2 * (l - 1) + 1] = network.size(l);
            }
            optimizer.prepare(lengths, backprop.kernels());
            fusedWeightStep = optimizer.isPlainGradientDescent() && weightDecay == 0;
            boolean anyDropout = dropoutRates != null
                    && IntStream.range(0, dropoutRates.length).anyMatch(l -> dropoutRates[l] > 0);
            this.dropout = anyDropout ? new Dropout(dropoutRates, network.sizes(), ws.capacity(), dropoutDraws) : null;
        }

        void clearEpochGradient() {
            for (int l = 1; l < epochWeightGradient.length; l++) {
                Arrays.fill(epochWeightGradient[l], 0f);
                Arrays.fill(epochBiasGradient[l], 0f);
            }
        }

        /** Norm of the sum over the epoch's batches of their mean gradients. */
        double epochGradientNorm(Kernels kernels) {
            double sum = 0;
            for (int l = 1; l < epochWeightGradient.length; l++) {
                float[] w = epochWeightGradient[l];
                float[] b = epochBiasGradient[l];
                sum += kernels.dot(w.length, w, w) + kernels.dot(b.length, b, b);
            }
            return Math.sqrt(sum);
        }
    }

    /** The epoch's order: a fresh permutation from the epoch's own generator. */
    private void shuffle(int[] order, int epoch) {
        RandomGenerator random = forEpoch(shuffleSeed, epoch);
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * The generator of one epoch's draws: derived from the run's seed and the epoch number alone, so a
     * run resumed at any epoch draws what an uninterrupted one would. The mix (MurmurHash3's
     * finaliser) keeps neighbouring epochs' seeds far apart.
     */
    static RandomGenerator forEpoch(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new SplittableRandom(z ^ (z >>> 33));
    }

    /** The first NaN or infinite weight or bias, or 0 when every parameter is finite. */
    private static float firstNonFinite(Network network) {
        for (int l = 1; l < network.depth(); l++) {
            float[] w = network.weights(l);
            for (int i = 0, n = network.size(l - 1) * network.size(l); i < n; i++) {
                if (!Float.isFinite(w[i])) return w[i];
            }
            float[] b = network.biases(l);
            for (int i = 0, n = network.size(l); i < n; i++) {
                if (!Float.isFinite(b[i])) return b[i];
            }
        }
        return 0;
    }

    private static DivergenceException diverged(int epoch, long step, double value, double rate) {
        return new DivergenceException("training diverged in epoch " + (epoch + 1) + " at step " + (step + 1)
                + ": the cost or gradient became " + value + " with learning rate " + rate
                + "; try a smaller training.learning-rate");
    }
}
