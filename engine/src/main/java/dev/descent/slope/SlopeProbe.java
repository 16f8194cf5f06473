package dev.descent.slope;

import dev.descent.data.Dataset;
import dev.descent.kernel.Kernels;
import dev.descent.network.Backprop;
import dev.descent.network.Network;
import dev.descent.network.Workspace;
import dev.descent.spi.Cost;
import dev.descent.training.Batches;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of a network as a function of one of its parameters, every other parameter held fixed:
 * C(w) is the mean cost over the first {@code samples} images of a data set, and its slope dC/dw comes
 * from one back-propagation over them (the summed gradient divided by the number of samples), exactly
 * the number a gradient-descent step on that batch would use.
 *
 * <p>The probe writes the parameter into the network it was given, in place, and leaves it at the last
 * value probed. The samples are loaded once into a workspace sized for all of them.
 */
public final class SlopeProbe {
    /** The parameter's value (as the float the network holds), the mean cost there, and dC/dw. */
    public record Point(double value, double cost, double slope) {
    }

    /** Why a descent ended. */
    public enum Stop {
        /** |slope| fell below the tolerance. */
        CONVERGED,
        /** The iteration budget ran out first. */
        MAX_ITERATIONS,
        /** The step became smaller than float32 can resolve at this value: w stopped changing. */
        STALLED,
        /** The cost or the slope stopped being a finite number. */
        DIVERGED
    }

    /** The points a descent visited, in order (the first is its start), and why it stopped. */
    public record Path(List<Point> points, Stop stop) {
        public Path {
            points = List.copyOf(points);
        }

        public Point first() {
            return points.getFirst();
        }

        public Point last() {
            return points.getLast();
        }
    }

    private final Network network;
    private final Backprop backprop;
    private final Cost cost;
    private final ParameterRef parameter;
    private final Workspace ws;
    private final int samples;

    /** Probes {@code parameter} of {@code network} on images 0..samples-1 of {@code data}. */
    public SlopeProbe(Network network, Kernels kernels, Cost cost, Dataset data, int samples, ParameterRef parameter) {
        if (samples < 1 || samples > data.count()) {
            throw new IllegalArgumentException("samples must be in 1.." + data.count() + ": " + samples);
        }
        this.network = network;
        this.backprop = new Backprop(kernels);
        this.cost = cost;
        this.parameter = parameter;
        this.samples = samples;
        this.ws = new Workspace(network.sizes(), samples);
        Batches.load(kernels, data, null, 0, samples, ws, network.size(network.depth() - 1));
    }

    public ParameterRef parameter() {
        return parameter;
    }

    public int samples() {
        return samples;
    }

    /** Sets the parameter to {@code value} (rounded to float) and measures cost and slope there. */
    public Point at(double value) {
        float v = (float) value;
        parameter.set(network, v);
        backprop.forward(network, ws, samples, cost);
        double total = backprop.backward(network, ws, samples, cost);
        float gradientSum = parameter.bias() ? ws.biasGradient(parameter.layer())[parameter.neuron()]
                : ws.weightGradient(parameter.layer())[parameter.index(network)];
        return new Point(v, total / samples, (double) gradientSum / samples);
    }

    /** {@code steps + 1} evenly spaced points from {@code from} to {@code to}, both included. */
    public List<Point> curve(double from, double to, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        List<Point> points = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) points.add(at(i == steps ? to : from + (to - from) * i / steps));
        return points;
    }

    /**
     * Gradient descent on this one parameter from {@code start}: {@code w <- w - rate * dC/dw}, until
     * |dC/dw| < {@code tolerance} or after {@code maxIterations} updates (so at most maxIterations + 1
     * points), or when w stops changing or the numbers stop being finite.
     */
    public Path descend(double start, double rate, double tolerance, int maxIterations) {
        List<Point> points = new ArrayList<>();
        double w = start;
        for (int i = 0; ; i++) {
            Point p = at(w);
            points.add(p);
            if (!Double.isFinite(p.cost()) || !Double.isFinite(p.slope())) return new Path(points, Stop.DIVERGED);
            if (Math.abs(p.slope()) < tolerance) return new Path(points, Stop.CONVERGED);
            if (i == maxIterations) return new Path(points, Stop.MAX_ITERATIONS);
            float next = (float) (p.value() - rate * p.slope());
            if (!Float.isFinite(next)) return new Path(points, Stop.DIVERGED);
            if (next == (float) p.value()) return new Path(points, Stop.STALLED);
            w = next;
        }
    }
}
