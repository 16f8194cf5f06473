package dev.descent.gradcheck;

import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import java.util.ArrayList;
import java.util.List;

/**
 * Back-propagated gradients held against central finite differences, sample by sample.
 *
 * <p>For every sample and every weight and bias, the back-propagated dC/dtheta of that one sample
 * (float32, the given kernels, the cost plugin's gradient) is compared with the reference: the
 * float64 forward pass of the same network is differenced at theta +- {@link #STEP}, and the cost's
 * own value is differenced at the network's outputs ({@link CostDifferences}); the chain rule joins
 * the two. Differencing the cost of the whole network at once would not work: the cost reads float
 * outputs, and their rounding (6e-8) swamps a difference taken with a step small enough for the
 * network. A cost whose gradient disagrees with its own cost function fails either way.
 *
 * <p>Relative error of one parameter and sample: {@code |bp - fd| / max(|bp|, |fd|, floor)}, where the
 * floor is {@link #FLOOR} times the largest back-propagated value of that tensor (one layer's weights,
 * or its biases) over all samples. Without the floor, a saturated sigmoid neuron would fail the check:
 * float32 computes its derivative a(1 - a) from an a rounded near 1, off by up to tens of percent,
 * but the gradients through it are a millionth of the layer's largest and move nothing.
 *
 * <p>ReLU kinks: a parameter and sample whose perturbed passes put any ReLU neuron on the other side of
 * 0 than the unperturbed pass is skipped (its difference straddles the kink and means nothing) and
 * counted. With a step of 1e-6 such pairs are rare.
 */
public final class GradientCheck {
    /** The change of a parameter's weighted input, per unit of its input, in the reference passes. */
    public static final double STEP = 1e-6;
    /**
     * Float32 rounding stays below it: at most 1.6e-3 measured on 20 samples of every shipped config and of each
     * built-in cost with each activation, 3.9e-3 on 200, the worst at saturated tanh outputs, where float32
     * computes 1 - a^2 from a rounded a. A wrong derivative gives 0.1 and more (0.5 for a gradient off by a
     * factor of 2).
     */
    public static final double TOLERANCE = 2e-2;
    /** Gradients below this fraction of their tensor's largest count against the floor, not themselves. */
    public static final double FLOOR = 1e-2;

    private GradientCheck() {
    }

    /** The largest relative error in one tensor, with where it occurred (parameter index, sample). */
    public record TensorError(double error, int index, int sample, double backprop, double reference) {
        public boolean passes() {
            return error <= TOLERANCE;
        }
    }

    /** One layer's result: its weights' and biases' largest errors, pairs checked and skipped at kinks. */
    public record LayerResult(int layer, TensorError weights, TensorError biases, long checked, long skipped) {
        public boolean passes() {
            return weights.passes() && biases.passes();
        }
    }

    /** Per layer, 1 to L. */
    public record Result(List<LayerResult> layers) {
        public Result {
            layers = List.copyOf(layers);
        }

        public boolean passes() {
            return layers.stream().allMatch(LayerResult::passes);
        }

        public double largestError() {
            return layers.stream().mapToDouble(l -> Math.max(l.weights().error(), l.biases().error())).max().orElse(0);
        }

        public long skipped() {
            return layers.stream().mapToLong(LayerResult::skipped).sum();
        }

        public long checked() {
            return layers.stream().mapToLong(LayerResult::checked).sum();
        }
    }

    /**
     * Checks the gradients of {@code count} samples: {@code inputs} holds their input rows one after
     * another ({@code count x sizes[0]}), {@code targets} their target rows ({@code count x outputs}).
     * The network is not modified.
     */
    public static Result check(Network network, Cost cost, Kernels kernels, float[] inputs, float[] targets,
                               int count) {
        int[] sizes = network.sizes();
        int depth = sizes.length;
        int outputs = sizes[depth - 1];
        Backprop backprop = new Backprop(kernels);
        Workspace ws = new Workspace(sizes, 1);

        // First pass: each tensor's largest back-propagated value over the samples, for the floors.
        double[] weightScale = new double[depth];
        double[] biasScale = new double[depth];
        for (int s = 0; s < count; s++) {
            backpropagate(backprop, network, cost, ws, inputs, targets, s);
            for (int l = 1; l < depth; l++) {
                weightScale[l] = Math.max(weightScale[l], largest(ws.weightGradient(l), sizes[l - 1] * sizes[l]));
                biasScale[l] = Math.max(biasScale[l], largest(ws.biasGradient(l), sizes[l]));
            }
        }

        ReferenceNetwork reference = new ReferenceNetwork(network, cost.fusesOutputActivation());
        Worst[] weightWorst = new Worst[depth];
        Worst[] biasWorst = new Worst[depth];
        long[] checked = new long[depth];
        long[] skipped = new long[depth];
        for (int l = 1; l < depth; l++) {
            weightWorst[l] = new Worst(FLOOR * weightScale[l]);
            biasWorst[l] = new Worst(FLOOR * biasScale[l]);
        }
        double[] plus = new double[outputs];
        double[] minus = new double[outputs];
        float[] costInput = new float[outputs];
        float[] target = new float[outputs];
        for (int s = 0; s < count; s++) {
            backpropagate(backprop, network, cost, ws, inputs, targets, s);
            ReferenceNetwork.Pass base = reference.forward(inputs, s * sizes[0]);
            double[] at = reference.costInput(base);
            for (int k = 0; k < outputs; k++) costInput[k] = (float) at[k];
            System.arraycopy(targets, s * outputs, target, 0, outputs);
            double[] costGradient = CostDifferences.gradient(cost, network.outputActivation(), costInput, target,
                    outputs);
            for (int l = 1; l < depth; l++) {
                int in = sizes[l - 1];
                int out = sizes[l];
                float[] gw = ws.weightGradient(l);
                float[] gb = ws.biasGradient(l);
                for (int j = 0; j < out; j++) {
                    // The bias, then each weight: theta moves z_j by STEP times the weight's input (1 for a bias).
                    for (int k = -1; k < in; k++) {
                        double input = k < 0 ? 1.0 : base.a()[l - 1][k];
                        float bp = k < 0 ? gb[j] : gw[k * out + j];
                        double fd;
                        if (input == 0) {
                            fd = 0;   // z_j does not move: the perturbed passes are the unperturbed one
                        } else {
                            double dz = STEP * input;
                            if (!reference.perturbed(base, l, j, dz, plus)
                                    || !reference.perturbed(base, l, j, -dz, minus)) {
                                skipped[l]++;
                                continue;
                            }
                            double sum = 0;
                            for (int i = 0; i < outputs; i++) sum += costGradient[i] * (plus[i] - minus[i]);
                            fd = sum / (2 * STEP);
                        }
                        checked[l]++;
                        if (k < 0) biasWorst[l].add(bp, fd, j, s);
                        else weightWorst[l].add(bp, fd, k * out + j, s);
                    }
                }
            }
        }
        List<LayerResult> layers = new ArrayList<>();
        for (int l = 1; l < depth; l++) {
            layers.add(new LayerResult(l, weightWorst[l].result(), biasWorst[l].result(), checked[l], skipped[l]));
        }
        return new Result(layers);
    }

    /** The relative error of one back-propagated value against its reference, with {@code floor}. */
    public static double relativeError(double backprop, double reference, double floor) {
        if (!Double.isFinite(backprop) || !Double.isFinite(reference)) return Double.POSITIVE_INFINITY;
        double scale = Math.max(Math.max(Math.abs(backprop), Math.abs(reference)), floor);
        return scale == 0 ? 0 : Math.abs(backprop - reference) / scale;
    }

    private static void backpropagate(Backprop backprop, Network network, Cost cost, Workspace ws, float[] inputs,
                                      float[] targets, int s) {
        int in = network.size(0);
        int outputs = network.size(network.depth() - 1);
        System.arraycopy(inputs, s * in, ws.input(), 0, in);
        System.arraycopy(targets, s * outputs, ws.targets(), 0, outputs);
        backprop.forward(network, ws, 1, cost);
        backprop.backward(network, ws, 1, cost);
    }

    private static double largest(float[] values, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            // A NaN or infinite gradient must not raise the floor: it fails on its own.
            if (Float.isFinite(values[i])) max = Math.max(max, Math.abs(values[i]));
        }
        return max;
    }

    /** The largest error seen in one tensor. */
    private static final class Worst {
        private final double floor;
        private TensorError worst = new TensorError(0, -1, -1, 0, 0);

        Worst(double floor) {
            this.floor = floor;
        }

        void add(double bp, double fd, int index, int sample) {
            double e = relativeError(bp, fd, floor);
            if (e > worst.error() || worst.index() < 0) worst = new TensorError(e, index, sample, bp, fd);
        }

        TensorError result() {
            return worst;
        }
    }
}
