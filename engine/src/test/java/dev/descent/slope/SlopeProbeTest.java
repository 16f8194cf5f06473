package dev.descent.slope;

import static dev.descent.testing.TestCosts.QUADRATIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.KernelProvider;
import dev.descent.network.Network;
import dev.descent.spi.Initializer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The probe's slope is the derivative of its curve, and descending it lowers the cost. */
class SlopeProbeTest {
    static final int[] SIZES = {784, 16, 16, 10};
    static final int SAMPLES = 200;

    /** N(0, 1/fan-in) weights and N(0, 1) biases: the hidden neurons start unsaturated. */
    static Network network() {
        Initializer scaled = (values, fanIn, fanOut, random) -> {
            for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() / Math.sqrt(fanIn));
        };
        Initializer unit = (values, fanIn, fanOut, random) -> {
            for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        };
        return Network.initialize(SIZES, Activation.SIGMOID, scaled, unit, new SplittableRandom(4));
    }

    static SlopeProbe probe(Network network, String parameter) {
        return new SlopeProbe(network, KernelProvider.get(), QUADRATIC, Dataset.synthetic(SAMPLES, 9), SAMPLES,
                ParameterRef.parse(parameter, SIZES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer1.w[3,400]", "layer2.w[5,3]", "layer3.w[2,7]", "layer1.b[0]", "layer3.b[4]"})
    void slopeMatchesCentralDifferencesOfTheCurve(String parameter) {
        SlopeProbe probe = probe(network(), parameter);
        List<SlopeProbe.Point> curve = probe.curve(-4, 4, 16);
        double largest = curve.stream().mapToDouble(p -> Math.abs(p.slope())).max().orElseThrow();
        assertTrue(largest > 1e-4, "the curve has some slope: " + largest);
        double h = 1e-2;
        for (SlopeProbe.Point p : curve) {
            SlopeProbe.Point plus = probe.at(p.value() + h);
            SlopeProbe.Point minus = probe.at(p.value() - h);
            double numeric = (plus.cost() - minus.cost()) / (plus.value() - minus.value());
            // Costs are sums of float32 activations: about 1e-7 relative noise, divided by 2h.
            assertEquals(numeric, p.slope(), 2e-3 * largest + 1e-2 * Math.abs(numeric),
                    () -> parameter + " at w = " + p.value());
        }
    }

    @Test
    void curveHasEvenlySpacedPointsWithBothEnds() {
        List<SlopeProbe.Point> curve = probe(network(), "layer2.b[1]").curve(-1.5, 2.5, 8);
        assertEquals(9, curve.size());
        for (int i = 0; i < curve.size(); i++) assertEquals(-1.5 + 0.5 * i, curve.get(i).value(), 1e-6);
    }

    @Test
    void descentLowersTheCostUntilTheSlopeIsFlat() {
        Network network = network();
        SlopeProbe probe = probe(network, "layer3.b[4]");
        float start = ParameterRef.parse("layer3.b[4]", SIZES).get(network);
        SlopeProbe.Path path = probe.descend(start, 3.0, 1e-4, 1000);
        assertEquals(SlopeProbe.Stop.CONVERGED, path.stop());
        assertEquals(start, path.first().value());
        assertTrue(Math.abs(path.last().slope()) < 1e-4, "flat at the end: " + path.last());
        assertTrue(path.points().size() > 3, "took some steps: " + path.points().size());
        for (int i = 1; i < path.points().size(); i++) {
            SlopeProbe.Point before = path.points().get(i - 1);
            SlopeProbe.Point after = path.points().get(i);
            assertTrue(after.cost() <= before.cost() + 1e-7, "step " + i + " went up: " + before + " -> " + after);
            assertEquals(before.value() - 3.0 * before.slope(), after.value(), 1e-6 * (1 + Math.abs(after.value())));
        }
        assertTrue(path.last().cost() < path.first().cost());
    }

    @Test
    void descentStopsAtTheIterationBudget() {
        SlopeProbe.Path path = probe(network(), "layer1.w[0,300]").descend(0.5, 0.1, 1e-12, 3);
        assertEquals(SlopeProbe.Stop.MAX_ITERATIONS, path.stop());
        assertEquals(4, path.points().size());
    }

    @Test
    void descentWithATinyRateStallsInsteadOfLoopingForever() {
        SlopeProbe.Path path = probe(network(), "layer3.b[4]").descend(1.0, 1e-12, 1e-12, 1000);
        assertEquals(SlopeProbe.Stop.STALLED, path.stop());
        assertEquals(1, path.points().size());
    }

    @Test
    void onlyTheChosenParameterChanges() {
        Network network = network();
        Network before = network.copy();
        ParameterRef ref = ParameterRef.parse("layer2.w[5,3]", SIZES);
        SlopeProbe probe = probe(network, ref.toString());
        probe.curve(-2, 2, 4);
        probe.descend(0.1, 3.0, 1e-4, 20);
        ref.set(before, ref.get(network));
        assertTrue(network.sameParameters(before));
    }
}
