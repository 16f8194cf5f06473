package dev.descent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.config.ConfigLoader;
import dev.descent.config.TrainingConfig;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingResult.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stop rules replayed on saved results tell a finished run from a stopped one, as the training loop would. */
class FinishedRunTest {
    private static TrainingConfig training(String yaml) {
        return ConfigLoader.parse("""
                data: {dataset: mnist, validation: 10}
                network: {layers: [784, 8, 10]}
                training: %s
                """.formatted(yaml), "test.yaml").training();
    }

    /** Epochs with these gradient norms and validation costs. */
    private static List<EpochResult> results(double[] gradientNorms, double[] validationCosts) {
        List<EpochResult> r = new ArrayList<>();
        for (int e = 0; e < gradientNorms.length; e++) {
            r.add(new EpochResult(e, 0.5, 0.5, 0.8, gradientNorms[e], 3.0, 1.0, validationCosts[e], 0.8));
        }
        return r;
    }

    @Test
    void aRunShortOfItsEpochsWithNoStopRuleMetIsNotFinished() {
        assertTrue(FinishedRun.of(training("{epochs: 3}"), results(new double[] {1, 1}, new double[] {1, 1}))
                .isEmpty());
        assertTrue(FinishedRun.of(training("{epochs: 3}"), List.of()).isEmpty());
    }

    @Test
    void allEpochsDone() {
        FinishedRun f = FinishedRun.of(training("{epochs: 2}"), results(new double[] {1, 1}, new double[] {1, 1}))
                .orElseThrow();
        assertEquals(StopReason.EPOCHS_DONE, f.reason());
        assertEquals(2, f.epochs());
        assertEquals(1, f.keptEpoch());
        assertEquals("all 2 epochs done", f.why());
    }

    @Test
    void theGradientNormFellBelowTheThreshold() {
        FinishedRun f = FinishedRun.of(training("{epochs: 9, stop: {gradient-norm: 0.005}}"),
                results(new double[] {0.1, 0.004}, new double[] {1, 1})).orElseThrow();
        assertEquals(StopReason.GRADIENT_NORM, f.reason());
        assertEquals("gradient norm 4.000e-03 below 0.005", f.why());
    }

    @Test
    void patienceRanOutAndTheBestEpochIsKept() {
        TrainingConfig t = training("{epochs: 9, early-stop: {metric: validation-cost, patience: 1}}");
        assertTrue(FinishedRun.of(t, results(new double[] {1, 1, 1}, new double[] {0.5, 0.4, 0.45})).isEmpty(),
                "one epoch without improvement is within the patience");
        FinishedRun f = FinishedRun.of(t, results(new double[] {1, 1, 1, 1}, new double[] {0.5, 0.4, 0.45, 0.41}))
                .orElseThrow();
        assertEquals(StopReason.EARLY_STOP, f.reason());
        assertEquals(1, f.keptEpoch());
        assertEquals("early stopping: validation-cost last improved in epoch 2", f.why());
    }
}
