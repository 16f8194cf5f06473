package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.Dataset;
import dev.descent.kernel.Activation;
import dev.descent.kernel.ScalarKernels;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPredictionsTest {
    /** Forward passes never ask a non-fused cost for anything. */
    private static final Cost PLAIN = (activations, targets, rows, width, gradient) -> 0;

    /**
     * 2x2 images; output 0 sums the top row's ink, output 1 the bottom row's. An image's class is where
     * its ink is, and the more ink, the more confident the (sigmoid) output.
     */
    private static Network rowDetector() {
        Network network = new Network(new int[] {4, 2}, Activation.SIGMOID);
        network.setWeights(1, new float[] {4, 4, 0, 0, 0, 0, 4, 4});
        return network;
    }

    private static byte[] image(int top, int bottom) {
        return new byte[] {(byte) top, (byte) top, (byte) bottom, (byte) bottom};
    }

    private static Dataset data(byte[][] images, byte[] labels) {
        byte[] pixels = new byte[images.length * 4];
        for (int i = 0; i < images.length; i++) System.arraycopy(images[i], 0, pixels, 4 * i, 4);
        return Dataset.of("made up", pixels, labels, 2, 2);
    }

    @Test
    void countsPredictionsIntoTheConfusionMatrix() {
        Dataset test = data(new byte[][] {image(255, 0), image(0, 255), image(200, 0), image(0, 100)},
                new byte[] {0, 1, 1, 0});
        TestPredictions p = TestPredictions.of(rowDetector(), PLAIN, ScalarKernels.INSTANCE, test);
        ConfusionMatrix m = p.confusion();
        assertEquals(1, m.count(0, 0));
        assertEquals(1, m.count(0, 1));
        assertEquals(1, m.count(1, 0));
        assertEquals(1, m.count(1, 1));
        assertEquals(0, p.predicted(0));
        assertEquals(1, p.predicted(3));
        double expected = 1 / (1 + Math.exp(-8.0));   // two full pixels times weight 4
        assertEquals(expected, p.confidence(0), 1e-4);
    }

    @Test
    void listsMistakesMostConfidentFirst() {
        Dataset test = data(new byte[][] {image(60, 0), image(0, 0), image(250, 0), image(120, 0), image(0, 250)},
                new byte[] {1, 0, 1, 1, 1});
        TestPredictions p = TestPredictions.of(rowDetector(), PLAIN, ScalarKernels.INSTANCE, test);
        List<TestPredictions.Mistake> mistakes = p.mostConfidentMistakes(16);
        assertEquals(List.of(2, 3, 0), mistakes.stream().map(TestPredictions.Mistake::sample).toList());
        for (TestPredictions.Mistake m : mistakes) {
            assertEquals(1, m.actual());
            assertEquals(0, m.predicted());
        }
        assertTrue(mistakes.get(0).confidence() > mistakes.get(1).confidence());
        assertEquals(List.of(2), p.mostConfidentMistakes(1).stream().map(TestPredictions.Mistake::sample).toList());
    }
}
