package dev.descent.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.kernel.Activation;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.plugins.cost.QuadraticCost;
import dev.descent.spi.PluginRegistry;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors of the engine and the built-in plugins resolve on the module path, export
 * only the plugin author's packages, and declare the same providers as META-INF/services, which the
 * class path (the launcher's and the tests') reads instead.
 */
class ModuleDescriptorsTest {
    private static final String ENGINE = "dev.descent.engine";
    private static final String PLUGINS = "dev.descent.plugins";
    /** The jars the engine requires, by file-name prefix, picked from this test's class path. */
    private static final List<String> DEPENDENCIES = List.of("jackson-", "snakeyaml-", "picocli-");

    private static final Path ENGINE_CLASSES = location(PluginRegistry.class);
    private static final Path PLUGINS_CLASSES = location(QuadraticCost.class);

    @Test
    void engineExportsOnlyTheSpiAndThePackagesItsSignaturesUse() {
        ModuleDescriptor engine = descriptor(ENGINE);
        Set<String> exported = engine.exports().stream()
                .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.descent", "dev.descent.api", "dev.descent.spi", "dev.descent.kernel"), exported);
        assertTrue(engine.exports().stream().allMatch(e -> !e.isQualified()), "no qualified exports");
        // picocli alone may reflect on the commands.
        assertEquals(Map.of("dev.descent.cli", Set.of("info.picocli")), engine.opens().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Opens::source, ModuleDescriptor.Opens::targets)));
        assertTrue(engine.packages().containsAll(Set.of("dev.descent.training", "dev.descent.kernel.simd")));
        assertTrue(descriptor(PLUGINS).exports().isEmpty(), "the plugins module exports nothing");
    }

    @Test
    void vectorApiIsAnOptionalDependencyOfTheEngine() {
        ModuleDescriptor.Requires vector = descriptor(ENGINE).requires().stream()
                .filter(r -> r.name().equals("jdk.incubator.vector")).findFirst().orElseThrow();
        assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.STATIC), vector.modifiers());
    }

    @Test
    void moduleInfoProvidesTheSameBuiltInsAsMetaInfServices() throws IOException {
        for (Path classes : List.of(ENGINE_CLASSES, PLUGINS_CLASSES)) {
            ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
            Map<String, List<String>> provides = new TreeMap<>();
            for (ModuleDescriptor.Provides p : module.provides()) {
                provides.put(p.service(), p.providers());
            }
            assertEquals(metaInfServices(classes), provides, module.name());
        }
    }

    @Test
    void serviceLoaderFindsEveryBuiltInOnTheModulePath() throws Exception {
        ModuleLayer layer = layer();
        ClassLoader loader = layer.findLoader(ENGINE);
        for (Map.Entry<String, List<String>> service : metaInfServices(PLUGINS_CLASSES).entrySet()) {
            Class<?> type = Class.forName(service.getKey(), false, loader);
            // The layer's parent is the platform loader: nothing can come from this test's class path.
            List<Class<?>> found = ServiceLoader.load(layer, type).stream()
                    .<Class<?>>map(ServiceLoader.Provider::type).toList();
            assertEquals(service.getValue(), found.stream().map(Class::getName).toList(), service.getKey());
            assertTrue(found.stream().allMatch(t -> t.getModule().getName().equals(PLUGINS)), found.toString());
        }
    }

    @Test
    void engineInternalsAreNotReadableFromThePluginsModule() {
        ModuleLayer layer = layer();
        Module engine = layer.findModule(ENGINE).orElseThrow();
        Module plugins = layer.findModule(PLUGINS).orElseThrow();
        assertTrue(plugins.canRead(engine));
        assertTrue(engine.isExported("dev.descent.spi", plugins));
        assertFalse(engine.isExported("dev.descent.training", plugins));
        assertFalse(engine.isExported("dev.descent.kernel.simd", plugins));
        assertFalse(engine.isOpen("dev.descent.cli", plugins));
    }

    @Test
    void commandLineRunsOnTheModulePathAndListsTheBuiltIns() throws Exception {
        Run run = java("--add-modules", "jdk.incubator.vector", "-p", modulePath(),
                "-m", ENGINE + "/dev.descent.cli.Main", "plugins");
        assertEquals(0, run.exit(), run.out() + run.err());
        for (String name : List.of("quadratic", "he-normal", "adam", "cosine", "local")) {
            assertTrue(run.out().contains("  " + name + " "), name + " missing from:\n" + run.out());
        }
    }

    @Test
    void withoutTheVectorModuleTheEngineFallsBackToScalarWithOneLine() throws Exception {
        Run scalar = java("-p", modulePath(), "--add-modules", ENGINE, "-cp", testClasses(),
                KernelChoice.class.getName());
        assertEquals(0, scalar.exit(), scalar.out() + scalar.err());
        assertEquals("scalar", scalar.out().strip());
        List<String> lines = scalar.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), scalar.err());
        assertTrue(lines.getFirst().contains("--add-modules jdk.incubator.vector"), lines.getFirst());

        Run vector = java("-p", modulePath(), "--add-modules", ENGINE + ",jdk.incubator.vector", "-cp",
                testClasses(), KernelChoice.class.getName());
        assertEquals(0, vector.exit(), vector.out() + vector.err());
        assertFalse(vector.err().contains("Vector API is not enabled"), vector.err());
    }

    @Test
    void aLibraryUserWithoutTheVectorModuleGetsTheScalarKernelsTheSameBitsAndOneLine(@TempDir Path dir)
            throws Exception {
        int[] sizes = {784, 24, 10};
        Network network = new Network(sizes, Activation.SIGMOID);
        SplittableRandom random = new SplittableRandom(7);
        for (int l = 1; l < sizes.length; l++) {
            float[] weights = new float[sizes[l] * sizes[l - 1]];
            for (int i = 0; i < weights.length; i++) weights[i] = (float) random.nextGaussian() * 0.1f;
            network.setWeights(l, weights);
            for (int j = 0; j < sizes[l]; j++) network.biases(l)[j] = (float) random.nextGaussian();
        }
        Path model = dir.resolve("model.safetensors");
        ModelFile.write(model, network, Map.of("cost", "quadratic (built-in)", "dataset", "mnist"));
        String expected = PredictFromJava.outputs(model);   // this JVM's kernels, SIMD where the build runs them

        // A plain class path, and the engine on the module path with the program on the class path.
        Run classPath = java("-cp", System.getProperty("java.class.path"), PredictFromJava.class.getName(),
                model.toString());
        Run modulePath = java("-p", modulePath(), "--add-modules", ENGINE, "-cp", testClasses(),
                PredictFromJava.class.getName(), model.toString());
        for (Run run : List.of(classPath, modulePath)) {
            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals(expected, run.out().strip());
            assertEquals(List.of("descent: using scalar kernels because the Vector API is not enabled: run java with"
                    + " --add-modules jdk.incubator.vector"), run.err().lines().filter(l -> !l.isBlank()).toList());
        }
    }

    private static ModuleDescriptor descriptor(String name) {
        return ModuleFinder.of(ENGINE_CLASSES, PLUGINS_CLASSES).find(name).orElseThrow().descriptor();
    }

    /** The engine and plugins modules with their dependencies, in a layer above the boot layer. */
    private static ModuleLayer layer() {
        ModuleFinder finder = ModuleFinder.of(modulePathEntries().toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of(PLUGINS));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    private static List<Path> modulePathEntries() {
        List<Path> entries = new ArrayList<>(List.of(ENGINE_CLASSES, PLUGINS_CLASSES));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (DEPENDENCIES.stream().anyMatch(file::startsWith)) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static String modulePath() {
        return modulePathEntries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static String testClasses() {
        return location(KernelChoice.class).toString();
    }

    /** Service name to provider class names, in file order, from a module's META-INF/services. */
    private static Map<String, List<String>> metaInfServices(Path classes) throws IOException {
        Map<String, List<String>> services = new TreeMap<>();
        Path folder = classes.resolve("META-INF/services");
        if (!Files.isDirectory(folder)) {
            // The engine's classes may come as its jar: read the jar's copy.
            try (FileSystem jar = FileSystems.newFileSystem(classes)) {
                return metaInfServices(jar.getPath("/"));
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                services.put(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
            }
        }
        return services;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("descent-module-path", ".err");
        try {
            Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(2, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new IllegalStateException("java did not exit: " + command);
            }
            return new Run(child.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
