package dev.descent.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.testkit.ProviderContract;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test kit's provider contract, run over every registered provider: the built-ins pass what plugins must. */
class ProviderContractTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();
    private static final ProviderContract CONTRACT = new ProviderContract(REGISTRY);
    /** Values for the parameters the built-ins require (they have no default to build with). */
    private static final Map<String, Map<String, Object>> REQUIRED = Map.of("multi-step", Map.of("milestones", "1,2"));

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
    void honoursTheProviderContract(PluginKind kind, PluginProvider<?> provider) {
        CONTRACT.assertAll(provider, REQUIRED.getOrDefault(provider.name(), Map.of()));
    }

    private static Set<String> names(PluginKind kind) {
        Set<String> names = new HashSet<>();
        for (PluginProvider<?> p : REGISTRY.providers(kind)) names.add(p.name());
        return names;
    }
}
