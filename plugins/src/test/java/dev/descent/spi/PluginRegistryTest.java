package dev.descent.spi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's refusals: duplicate names, providers that throw, parameters of the wrong type. */
class PluginRegistryTest {
    @TempDir
    Path dir;

    /** A second provider claiming the built-in name "quadratic". */
    public static final class DuplicateQuadratic implements CostProvider {
        @Override public String name() { return "quadratic"; }
        @Override public String description() { return "an impostor"; }
        @Override public List<Parameter> parameters() { return List.of(); }
        @Override public Cost create(Parameters p) { return (a, y, r, w, g) -> 0; }
    }

    /** A provider whose plugin cannot be built. */
    public static final class Broken implements CostProvider {
        @Override public String name() { return "broken"; }
        @Override public String description() { return "throws in create"; }
        @Override public List<Parameter> parameters() { return List.of(); }
        @Override public Cost create(Parameters p) { throw new IllegalStateException("no GPU found"); }
    }

    private ClassLoader withServices(String... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(CostProvider.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void rejectsTwoProvidersWithTheSameName() throws IOException {
        ClassLoader loader = withServices(DuplicateQuadratic.class.getName());
        DescentException e = assertThrows(DescentException.class, () -> PluginRegistry.load(loader));
        assertTrue(e.getMessage().contains("'quadratic'") && e.getMessage().contains("DuplicateQuadratic")
                && e.getMessage().contains("QuadraticCost"), e.getMessage());
    }

    @Test
    void aProviderThatThrowsIsNamedInOneLine() throws IOException {
        PluginRegistry registry = PluginRegistry.load(withServices(Broken.class.getName()));
        DescentException e = assertThrows(DescentException.class, () -> registry.cost(PluginSpec.of("broken", "cost")));
        assertTrue(e.getMessage().contains("'broken'") && e.getMessage().contains(Broken.class.getName())
                && e.getMessage().contains("no GPU found"), e.getMessage());
    }

    @Test
    void aMissingProviderClassIsReported() throws IOException {
        ClassLoader loader = withServices("com.example.NoSuchProvider");
        DescentException e = assertThrows(DescentException.class, () -> PluginRegistry.load(loader));
        assertTrue(e.getMessage().contains("com.example.NoSuchProvider"), e.getMessage());
    }

    @Test
    void rejectsAStringWhereANumberBelongs() {
        PluginRegistry registry = PluginRegistry.loadDefault();
        DescentException e = assertThrows(DescentException.class,
                () -> registry.initializer(new PluginSpec("gaussian", Map.of("std", "wide"), "init.weights")));
        assertTrue(e.getMessage().contains("init.weights.std") && e.getMessage().contains("a number"), e.getMessage());
    }
}
