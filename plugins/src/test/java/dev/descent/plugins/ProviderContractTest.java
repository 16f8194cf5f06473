package dev.descent.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.spi.Cost;
import dev.descent.spi.Initializer;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.spi.TrainingProgress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered provider, built-in or not, must do; runs over all of them. */
class ProviderContractTest {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

    static Stream<Arguments> providers() {
        return Stream.of(PluginKind.values())
                .flatMap(kind -> REGISTRY.providers(kind).stream().map(p -> Arguments.of(kind, p)));
    }

    @Test
    void everyBuiltInIsRegistered() {
        assertEquals(Set.of("quadratic", "cross-entropy", "softmax-cross-entropy", "huber"), names(PluginKind.COST));
        assertEquals(Set.of("gaussian", "scaled-gaussian", "uniform", "xavier-uniform", "xavier-normal", "he-normal",
                "he-uniform", "lecun-normal", "constant", "zeros"), names(PluginKind.INITIALIZER));
        assertEquals(Set.of("constant", "step", "multi-step", "exponential", "inverse-time", "polynomial", "cosine",
                "one-cycle", "reduce-on-plateau", "warmup"), names(PluginKind.SCHEDULE));
        assertEquals(Set.of("sgd", "momentum", "nesterov", "adam", "adamw"), names(PluginKind.OPTIMIZER));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void isNamedInKebabCaseAndDescribed(PluginKind kind, PluginProvider<?> provider) {
        assertTrue(KEBAB.matcher(provider.name()).matches(), "name '" + provider.name() + "'");
        assertFalse(provider.description().isBlank(), "description of " + provider.name());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void declaresDistinctDescribedParametersWithValidDefaultsOrMarkedRequired(PluginKind kind,
            PluginProvider<?> provider) {
        Set<String> seen = new HashSet<>();
        for (Parameter p : provider.parameters()) {
            String where = provider.name() + "." + p.name();
            assertTrue(KEBAB.matcher(p.name()).matches(), where + " is not kebab-case");
            assertTrue(seen.add(p.name()), where + " is declared twice");
            assertFalse(p.description().isBlank(), where + " has no description");
            Object d = p.defaultValue();
            if (d == null) {
                assertTrue(p.description().startsWith("required"),
                        where + " has no default, so its description must start with 'required'");
                continue;
            }
            switch (p.type()) {
                case NUMBER, INTEGER -> {
                    double v = ((Number) d).doubleValue();
                    assertTrue(v >= p.min() && v <= p.max(), where + " default " + d + " is outside its range");
                }
                case BOOLEAN -> assertTrue(d instanceof Boolean, where);
                case STRING -> assertTrue(d instanceof String, where);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void buildsAWorkingPluginFromDefaultsOrNamesTheMissingRequiredParameter(PluginKind kind,
            PluginProvider<?> provider) {
        PluginSpec spec = PluginSpec.of(provider.name(), "contract");
        List<Parameter> required = provider.parameters().stream().filter(p -> p.defaultValue() == null).toList();
        if (!required.isEmpty()) {
            DescentException e = assertThrows(DescentException.class, () -> REGISTRY.validate(kind, spec));
            assertTrue(e.getMessage().contains("'" + required.getFirst().name() + "'"), e.getMessage());
            return;
        }
        switch (kind) {
            case COST -> {
                Cost cost = REGISTRY.cost(spec);
                float[] gradient = new float[4];
                double c = cost.costAndGradient(new float[] {0.2f, 0.7f, 0.5f, 0.9f}, new float[] {0f, 1f, 1f, 0f}, 2,
                        2, gradient);
                assertTrue(Double.isFinite(c) && c > 0, provider.name() + " cost " + c);
                for (float g : gradient) assertTrue(Float.isFinite(g), provider.name() + " gradient " + g);
            }
            case INITIALIZER -> {
                Initializer init = REGISTRY.initializer(spec);
                float[] values = new float[30 * 20];
                init.initialize(values, 30, 20, new SplittableRandom(1));
                for (float v : values) assertTrue(Float.isFinite(v), provider.name() + " value " + v);
            }
            case SCHEDULE -> {
                LearningRateSchedule schedule = REGISTRY.schedule(spec);
                for (long step : new long[] {0, 1, 150, 299}) {
                    double rate = schedule.rate(new TrainingProgress((int) (step / 100), step, 100, 3));
                    assertTrue(Double.isFinite(rate) && rate >= 0,
                            provider.name() + " rate " + rate + " at step " + step);
                }
            }
        }
    }

    private static Set<String> names(PluginKind kind) {
        Set<String> names = new HashSet<>();
        for (PluginProvider<?> p : REGISTRY.providers(kind)) names.add(p.name());
        return names;
    }
}
