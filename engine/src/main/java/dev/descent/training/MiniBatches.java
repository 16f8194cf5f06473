package dev.descent.training;

import dev.descent.data.Dataset;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Dropout;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import dev.descent.spi.Optimizer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Everything a run of mini-batches needs besides the network, allocated once, and the step of one
 * mini-batch: forward, backward, the optimizer's step for every weight and bias tensor, and the
 * batch's mean gradient added to the epoch's.
 */
final class MiniBatches {
    final Workspace ws;
    final int[] order;
    final float[][] epochWeightGradient;
    final float[][] epochBiasGradient;
    final Optimizer optimizer;
    private final Backprop backprop;
    private final Cost cost;
    private final double weightDecay;
    private final Dataset train;
    private final int outputs;
    /** Exactly one of the two is set: the optimizer's step as the kernels apply it, or its own. */
    private final Optimizer.ScaledGradient scaledGradient;
    private final Optimizer.PerTensor perTensor;
    /** A scaled-gradient step without weight decay: the weights step inside the backward pass. */
    private final boolean fusedWeightStep;
    private final Dropout dropout;
    /** Sum of the bytes {@link Batches#touch} read ahead; kept only so that the loads stay. */
    private int touched;

    MiniBatches(Trainer.Settings settings, Network network, Dataset train, Optimizer optimizer,
                RandomGenerator dropoutDraws) {
        this.backprop = settings.backprop();
        this.cost = settings.cost();
        this.weightDecay = settings.weightDecay();
        this.train = train;
        int count = train.count();
        ws = new Workspace(network.sizes(), Math.min(settings.batchSize(), count));
        outputs = network.size(network.depth() - 1);
        order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        epochWeightGradient = new float[network.depth()][];
        epochBiasGradient = new float[network.depth()][];
        int[] lengths = new int[2 * (network.depth() - 1)];
        for (int l = 1; l < network.depth(); l++) {
            epochWeightGradient[l] = new float[network.weights(l).length];
            epochBiasGradient[l] = new float[network.biases(l).length];
            lengths[2 * (l - 1)] = network.size(l - 1) * network.size(l);
            lengths[2 * (l - 1) + 1] = network.size(l);
        }
        this.optimizer = optimizer;
        Optimizer.Update update = optimizer.prepare(lengths, backprop.kernels());
        if (update == null) throw new IllegalStateException(optimizer.getClass().getName() + ".prepare returned null");
        scaledGradient = update instanceof Optimizer.ScaledGradient s ? s : null;
        perTensor = update instanceof Optimizer.PerTensor p ? p : null;
        fusedWeightStep = scaledGradient != null && weightDecay == 0;
        float[] rates = settings.dropout();
        boolean anyDropout = false;
        for (int l = 0; rates != null && l < rates.length; l++) anyDropout |= rates[l] > 0;
        this.dropout = anyDropout ? new Dropout(rates, network.sizes(), ws.capacity(), dropoutDraws) : null;
    }

    /** The mini-batch size (the last batch of an epoch may be smaller). */
    int size() {
        return ws.capacity();
    }

    /**
     * Orders the training set for {@code epoch} and positions the dropout draws at its mini-batch
     * {@code firstStep}, from the run's seeds alone (see {@link #forEpoch}).
     */
    void startEpoch(int epoch, int firstStep, long shuffleSeed, long dropoutSeed) {
        RandomGenerator random = forEpoch(shuffleSeed, epoch);
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (dropout != null) {
            dropout.restart(forEpoch(dropoutSeed, epoch));
            int m = size();
            for (int s = 0; s < firstStep; s++) dropout.skip(Math.min(m, order.length - s * m));
        }
    }

    /**
     * One mini-batch, samples {@code order[from .. from+rows)}; returns its summed cost. Warm-up runs
     * exactly this code, so the JIT has compiled it before the first timed epoch.
     */
    double step(Network network, int from, int rows, double rate, long step) {
        Kernels kernels = backprop.kernels();
        Batches.load(kernels, train, order, from, rows, ws, outputs);
        touched += Batches.touch(train, order, from + rows, rows);
        backprop.forward(network, ws, rows, cost, dropout);
        float scale = 1f / rows;
        float stepSize = scaledGradient != null ? scaledGradient.stepSize(rate, scale, step) : 0f;
        double batchCost = fusedWeightStep
                ? backprop.backwardAndStep(network, ws, rows, cost, dropout, scale, epochWeightGradient, stepSize)
                : backprop.backward(network, ws, rows, cost, dropout);
        for (int l = 1; l < network.depth(); l++) {
            if (!fusedWeightStep) {
                float[] gw = ws.weightGradient(l);
                int weights = network.size(l - 1) * network.size(l);
                kernels.axpy(weights, scale, gw, epochWeightGradient[l]);
                if (weightDecay > 0) {
                    // L2: the mean gradient gains weightDecay * w, so the batch sum gains rows times that.
                    kernels.axpy(weights, (float) (weightDecay * rows), network.weights(l), gw);
                }
                apply(2 * (l - 1), network.weights(l), gw, weights, scale, rate, step, stepSize);
            }
            float[] gb = ws.biasGradient(l);
            int biases = network.size(l);
            kernels.axpy(biases, scale, gb, epochBiasGradient[l]);
            apply(2 * (l - 1) + 1, network.biases(l), gb, biases, scale, rate, step, stepSize);
        }
        return batchCost;
    }

    /** The one place where a stored gradient becomes a step, for weights and biases alike. */
    private void apply(int tensor, float[] values, float[] gradientSum, int length, float scale, double rate,
                       long step, float stepSize) {
        if (perTensor != null) {
            perTensor.step(tensor, values, gradientSum, length, scale, rate, step);
        } else {
            backprop.kernels().axpy(length, stepSize, gradientSum, values);
        }
    }

    void clearEpochGradient() {
        for (int l = 1; l < epochWeightGradient.length; l++) {
            Arrays.fill(epochWeightGradient[l], 0f);
            Arrays.fill(epochBiasGradient[l], 0f);
        }
    }

    /** Norm of the sum over the epoch's batches of their mean gradients. */
    double epochGradientNorm() {
        Kernels kernels = backprop.kernels();
        double sum = 0;
        for (int l = 1; l < epochWeightGradient.length; l++) {
            float[] w = epochWeightGradient[l];
            float[] b = epochBiasGradient[l];
            sum += kernels.dot(w.length, w, w) + kernels.dot(b.length, b, b);
        }
        return Math.sqrt(sum);
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
}
