package dev.descent.plugins.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.EpochResult;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.spi.TrainingProgress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each schedule against rates worked out by hand at chosen (epoch, step) points. */
class SchedulesTest {
    private static final double EXACT = 1e-12;
    /** A run of 10 epochs of 100 mini-batches. */
    private static final int STEPS = 100;
    private static final int EPOCHS = 10;

    private final PluginRegistry registry = PluginRegistry.loadDefault();

    @Test
    void stepMultipliesByFactorEveryNEpochs() {
        LearningRateSchedule s = schedule("step", Map.of("rate", 2.0, "every", 3L, "factor", 0.5));
        assertEquals(2.0, s.rate(at(0)), EXACT);
        assertEquals(2.0, s.rate(at(2)), EXACT);
        assertEquals(1.0, s.rate(at(3)), EXACT);
        assertEquals(0.5, s.rate(at(7)), EXACT); // floor(7/3) = 2
    }

    @Test
    void multiStepMultipliesByFactorAtEachMilestone() {
        LearningRateSchedule s = schedule("multi-step", Map.of("rate", 1.0, "milestones", " 3, 5", "factor", 0.1));
        assertEquals(1.0, s.rate(at(2)), EXACT);
        assertEquals(0.1, s.rate(at(3)), EXACT);
        assertEquals(0.1, s.rate(at(4)), EXACT);
        assertEquals(0.01, s.rate(at(5)), EXACT);
        assertEquals(0.01, s.rate(at(9)), EXACT);
    }

    @Test
    void multiStepTakesMilestonesAsAList() {
        LearningRateSchedule s = schedule("multi-step",
                Map.of("rate", 1.0, "milestones", List.of(3L, 5L), "factor", 0.1));
        assertEquals(1.0, s.rate(at(2)), EXACT);
        assertEquals(0.1, s.rate(at(3)), EXACT);
        assertEquals(0.01, s.rate(at(5)), EXACT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"\"\"|''", "3,x|'3,x'", "5,3|[5, 3]", "3,3|[3, 3]",
            "0,2|'0,2'", "4,,8|'4,,8'", "2.5|'2.5'"})
    void multiStepRejectsMalformedMilestonesNamingParameterAndValue(String milestones, String shown) {
        DescentException e = assertThrows(DescentException.class,
                () -> schedule("multi-step", Map.of("milestones", milestones)));
        assertTrue(e.getMessage().contains("milestones") && e.getMessage().contains(shown), e.getMessage());
    }

    @Test
    void multiStepRejectsAListOfNumbersThatAreNotWholeOrNotAscending() {
        for (List<Object> milestones : List.<List<Object>>of(List.of(2.5), List.of(4L, 2L), List.of(), List.of("x"))) {
            DescentException e = assertThrows(DescentException.class,
                    () -> schedule("multi-step", Map.of("milestones", milestones)));
            assertTrue(e.getMessage().contains("milestones"), e.getMessage());
        }
    }

    @Test
    void multiStepRequiresMilestones() {
        DescentException e = assertThrows(DescentException.class, () -> schedule("multi-step", Map.of()));
        assertTrue(e.getMessage().contains("missing parameter 'milestones'"), e.getMessage());
    }

    @Test
    void exponentialMultipliesByGammaEachEpoch() {
        assertEquals(0.25, schedule("exponential", Map.of("rate", 2.0, "gamma", 0.5)).rate(at(3)), EXACT);
        assertEquals(3 * 0.9025, schedule("exponential", Map.of()).rate(at(2)), EXACT); // defaults 3.0, 0.95
    }

    @Test
    void inverseTimeDividesByOnePlusDecayTimesStep() {
        LearningRateSchedule s = schedule("inverse-time", Map.of("rate", 1.0, "decay", 0.5));
        assertEquals(1.0, s.rate(step(0)), EXACT);
        assertEquals(0.25, s.rate(step(6)), EXACT);
    }

    @Test
    void polynomialFallsFromRateToEndOverTheWholeRunByDefault() {
        LearningRateSchedule s = schedule("polynomial", Map.of("rate", 1.0, "end", 0.1, "power", 2.0));
        assertEquals(1.0, s.rate(step(0)), EXACT);
        assertEquals(0.325, s.rate(step(500)), EXACT); // 0.1 + 0.9 * (1 - 0.5)^2
        assertEquals(0.1 + 0.9 * 0.01, s.rate(step(900)), EXACT);
    }

    @Test
    void polynomialWithEpochsHoldsEndAfterTheDecay() {
        LearningRateSchedule s = schedule("polynomial", Map.of("rate", 1.0, "end", 0.1, "power", 2.0, "epochs", 4L));
        assertEquals(0.325, s.rate(step(200)), EXACT);
        assertEquals(0.1, s.rate(step(400)), EXACT);
        assertEquals(0.1, s.rate(step(999)), EXACT);
    }

    @Test
    void cosineFallsFromRateToFloorOverTheWholeRunByDefault() {
        LearningRateSchedule s = schedule("cosine", Map.of("rate", 1.0, "floor", 0.2));
        assertEquals(1.0, s.rate(step(0)), EXACT);
        assertEquals(0.2 + 0.4 * (1 + Math.sqrt(0.5)), s.rate(step(250)), EXACT); // cos(pi/4)
        assertEquals(0.6, s.rate(step(500)), EXACT);
        assertEquals(0.2 + 0.4 * (1 - Math.sqrt(0.5)), s.rate(step(750)), EXACT);
    }

    @Test
    void cosineWithEpochsHoldsFloorAfterTheDecay() {
        LearningRateSchedule s = schedule("cosine", Map.of("rate", 1.0, "floor", 0.2, "epochs", 2L));
        assertEquals(0.6, s.rate(step(100)), EXACT);
        assertEquals(0.2, s.rate(step(200)), EXACT);
        assertEquals(0.2, s.rate(step(999)), EXACT);
    }

    @Test
    void oneCycleRisesLinearlyThenFallsAlongACosine() {
        LearningRateSchedule s = schedule("one-cycle",
                Map.of("max-rate", 1.0, "div", 10.0, "pct-start", 0.25, "final-div", 100.0));
        // 4 epochs of 25 steps: T = 100, U = 25, start = 0.1, end = 0.001
        TrainingProgress first = new TrainingProgress(0, 0, 25, 4);
        assertEquals(0.1, s.rate(first), EXACT);
        assertEquals(0.46, s.rate(new TrainingProgress(0, 10, 25, 4)), EXACT); // 0.1 + 0.9 * 10/25
        assertEquals(1.0, s.rate(new TrainingProgress(1, 25, 25, 4)), EXACT);
        // t = 30/75 = 0.4, cos(0.4 pi) = 0.30901699...: 0.001 + 0.999 * 0.65450850
        assertEquals(0.65485399, s.rate(new TrainingProgress(2, 55, 25, 4)), 1e-8);
        assertEquals(0.001, s.rate(new TrainingProgress(3, 100, 25, 4)), EXACT);
    }

    @Test
    void reduceOnPlateauCutsTheRateAfterPatienceEpochsWithoutImprovement() {
        LearningRateSchedule s = schedule("reduce-on-plateau",
                Map.of("rate", 1.0, "patience", 2L, "factor", 0.5, "min-rate", 0.2, "metric", "test-cost"));
        double[] testCosts = {1.0, 0.9, 0.95, 0.9, 0.92, 0.8, 0.85, 0.85, 0.85, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        double[] rateAfter = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2};
        for (int epoch = 0; epoch < testCosts.length; epoch++) {
            // train cost keeps falling, so only a schedule that watches the test cost reduces
            s.epochEnded(new EpochResult(epoch, 1.0 / (epoch + 1), testCosts[epoch], 0.5, 1.0, 1.0, 1.0));
            assertEquals(rateAfter[epoch], s.rate(at(epoch + 1)), EXACT, "after epoch " + epoch);
        }
    }

    @Test
    void reduceOnPlateauIgnoresEpochsWithoutATestCost() {
        LearningRateSchedule s = schedule("reduce-on-plateau",
                Map.of("rate", 1.0, "patience", 0L, "metric", "test-cost"));
        s.epochEnded(new EpochResult(0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0));
        s.epochEnded(new EpochResult(1, 1.0, Double.NaN, 0.5, 1.0, 1.0, 1.0));
        assertEquals(1.0, s.rate(at(2)), EXACT);
        s.epochEnded(new EpochResult(2, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0));
        assertEquals(0.1, s.rate(at(3)), EXACT);
    }

    @Test
    void reduceOnPlateauRejectsAnUnknownMetric() {
        DescentException e = assertThrows(DescentException.class,
                () -> schedule("reduce-on-plateau", Map.of("metric", "test-acc")));
        assertTrue(e.getMessage().contains("'test-acc'") && e.getMessage().contains("test-cost"), e.getMessage());
    }

    private LearningRateSchedule schedule(String name, Map<String, Object> parameters) {
        return registry.schedule(new PluginSpec(name, parameters, "training.learning-rate"));
    }

    /** The first step of an epoch. */
    private static TrainingProgress at(int epoch) {
        return new TrainingProgress(epoch, (long) epoch * STEPS, STEPS, EPOCHS);
    }

    private static TrainingProgress step(long step) {
        return new TrainingProgress((int) (step / STEPS), step, STEPS, EPOCHS);
    }
}
