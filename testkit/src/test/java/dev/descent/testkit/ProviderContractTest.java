package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The kit passes a right provider of each kind and fails each kind of wrong one, saying why. */
class ProviderContractTest {
    private static final ProviderContract CONTRACT = ProviderContract.onClassPath();

    @Test
    void passesRightProvidersOfEveryKind() {
        CONTRACT.assertAll(new Fixtures.GoodCost());
        CONTRACT.assertAll(new Fixtures.GoodSchedule());
        CONTRACT.assertAll(new Fixtures.GoodInitializer());
    }

    @Test
    void buildsWithTheValuesGivenForRequiredParameters() {
        CONTRACT.assertAll(new Fixtures.NeedsPeriod(), Map.of("period", 10.0));
    }

    @Test
    void saysWhichRequiredParametersNeedValues() {
        assertFails(() -> CONTRACT.assertScheduleFiniteAndPositive(new Fixtures.NeedsPeriod(), Map.of()),
                "needs-period cannot be built from its defaults; pass values for its required parameters [period]");
    }

    @Test
    void failsANameThatIsNotKebabCase() {
        assertFails(() -> CONTRACT.assertNamedInKebabCase(new Fixtures.CamelCase()), "'camelCase'", "kebab-case");
    }

    @Test
    void failsADefaultOutsideItsRange() {
        assertFails(() -> CONTRACT.assertParametersDeclaredAndDefaulted(new Fixtures.DefaultOutOfRange()),
                "default-out-of-range.delta default 5.0 is outside its range");
    }

    @Test
    void failsAProviderMissingFromTheServicesFile() {
        assertFails(() -> CONTRACT.assertRegistered(new Fixtures.Unregistered()), "cost 'unregistered' is not "
                + "registered", "META-INF/services/dev.descent.spi.CostProvider");
    }

    @Test
    void failsACostWhoseGradientIsNotTheDerivativeOfItsCost() {
        Fixtures.TwiceTheGradient wrong = new Fixtures.TwiceTheGradient();
        assertFails(() -> CONTRACT.assertCostGradientMatchesFiniteDifferences(wrong, Map.of()),
                "twice-the-gradient on sigmoid outputs", "but finite differences of the cost give");
    }

    @Test
    void refusesValuesOutsideADeclaredRangeAndBuildsAtItsBounds() {
        CONTRACT.assertCreateHonoursRanges(new Fixtures.GoodCost(), Map.of());
    }

    @Test
    void failsAScheduleThatReachesZero() {
        assertFails(() -> CONTRACT.assertScheduleFiniteAndPositive(new Fixtures.DecaysToZero(), Map.of()),
                "decays-to-zero gives the rate 0.0 at step 299 (epoch 2)");
    }

    @Test
    void failsAnInitializerThatIgnoresTheGeneratorItIsGiven() {
        assertFails(() -> CONTRACT.assertInitializerSeededAndDeterministic(new Fixtures.Unseeded(), Map.of()),
                "differs between two runs with the same seed");
    }

    @Test
    void failsAnInitializerThatLeavesValuesUnwritten() {
        assertFails(() -> CONTRACT.assertInitializerSeededAndDeterministic(new Fixtures.SkipsValues(), Map.of()),
                "value 1 differs between two runs with the same seed");
    }

    private static void assertFails(Runnable check, String... expected) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, check::run);
        for (String part : expected) assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
