package dev.descent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin jar of misbehaving cost providers, compiled from source at test time so that its classes
 * are defined by the jar's own class loader (classes on the test class path would be found by the
 * parent loader first):
 * <ul>
 * <li>{@code nan-cost}: every cost is NaN.</li>
 * <li>{@code flaky-cost}: the quadratic cost, but NaN while the system property {@code flaky-cost.nan}
 *     is {@code true}: a transient numeric fault that a test switches on after an epoch.</li>
 * <li>{@code broken-cost}: {@code create()} throws.</li>
 * <li>{@code crash-cost}: a bug, an {@link IllegalStateException} from the first cost computed.</li>
 * <li>{@code wrong-gradient-cost}: 1/2 ||a - y||^2 whose gradient is 2 (a - y), the derivative of the cost
 *     without its 1/2: trains, but {@code descent gradcheck} must fail it.</li>
 * <li>{@code ThrowingProvider}: a provider whose constructor throws (listed in a second jar).</li>
 * <li>{@code deep-cost} and {@code greedy-cost}: {@code create()} overflows the stack, or fills the heap
 *     (a third jar, runaway-costs.jar).</li>
 * <li>{@code sigmoid-only-cost}: the quadratic cost, declared as defined on sigmoid outputs only (a fourth
 *     jar, picky-cost.jar).</li>
 * </ul>
 */
public final class FaultyPlugins {
    static final String FLAKY_PROPERTY = "flaky-cost.nan";
    private static final Path BUILD = Path.of("target", "faulty-plugins");
    private static final String PACKAGE = "com.example.faulty";
    private static boolean built;

    private FaultyPlugins() {
    }

    /** Copies the jar of the five cost plugins into {@code folder} as faulty-costs.jar; returns the folder. */
    public static Path costs(Path folder) throws IOException {
        build();
        Files.createDirectories(folder);
        Files.copy(BUILD.resolve("faulty-costs.jar"), folder.resolve("faulty-costs.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    /** Copies the jar whose provider's constructor throws into {@code folder}; returns the folder. */
    static Path throwingConstructor(Path folder) throws IOException {
        build();
        Files.createDirectories(folder);
        Files.copy(BUILD.resolve("throwing-provider.jar"), folder.resolve("throwing-provider.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    /** Copies the jar of {@code deep-cost} and {@code greedy-cost} into {@code folder}; returns the folder. */
    static Path runaway(Path folder) throws IOException {
        return copy("runaway-costs.jar", folder);
    }

    /** Copies the jar of {@code sigmoid-only-cost} into {@code folder}; returns the folder. */
    static Path picky(Path folder) throws IOException {
        return copy("picky-cost.jar", folder);
    }

    private static Path copy(String jar, Path folder) throws IOException {
        build();
        Files.createDirectories(folder);
        Files.copy(BUILD.resolve(jar), folder.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    private static synchronized void build() throws IOException {
        if (built) return;
        Path src = Files.createDirectories(BUILD.resolve("src/com/example/faulty"));
        Path classes = Files.createDirectories(BUILD.resolve("classes"));
        Files.writeString(src.resolve("Costs.java"), COSTS);
        Files.writeString(src.resolve("ThrowingProvider.java"), THROWING);
        Files.writeString(src.resolve("Runaway.java"), RUNAWAY);
        Files.writeString(src.resolve("PickyCost.java"), PICKY);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Costs.java").toString(), src.resolve("ThrowingProvider.java").toString(),
                src.resolve("Runaway.java").toString(), src.resolve("PickyCost.java").toString());
        if (status != 0) throw new IllegalStateException("the faulty plugins do not compile");
        String service = "META-INF/services/dev.descent.spi.CostProvider";
        jar(BUILD.resolve("faulty-costs.jar"), classes, service,
                String.join("\n", List.of(PACKAGE + ".Costs$Nan", PACKAGE + ".Costs$Flaky", PACKAGE + ".Costs$Broken",
                        PACKAGE + ".Costs$Crash", PACKAGE + ".Costs$WrongGradient")) + "\n",
                name -> name.startsWith("com/example/faulty/Costs"));
        jar(BUILD.resolve("throwing-provider.jar"), classes, service, PACKAGE + ".ThrowingProvider\n",
                name -> name.startsWith("com/example/faulty/ThrowingProvider"));
        jar(BUILD.resolve("runaway-costs.jar"), classes, service,
                PACKAGE + ".Runaway$Deep\n" + PACKAGE + ".Runaway$Greedy\n",
                name -> name.startsWith("com/example/faulty/Runaway"));
        jar(BUILD.resolve("picky-cost.jar"), classes, service, PACKAGE + ".PickyCost\n",
                name -> name.startsWith("com/example/faulty/PickyCost"));
        built = true;
    }

    private static void jar(Path jar, Path classes, String serviceFile, String services,
                            Predicate<String> include) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(serviceFile));
            out.write(services.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    if (!include.test(name)) continue;
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static final String COSTS = """
            package com.example.faulty;

            import dev.descent.spi.Cost;
            import dev.descent.spi.CostProvider;
            import dev.descent.spi.Parameter;
            import dev.descent.spi.Parameters;
            import java.util.List;

            public final class Costs {
                private Costs() {}

                static double quadratic(float[] a, float[] y, int rows, int width, float[] g) {
                    double sum = 0;
                    for (int i = 0; i < rows * width; i++) {
                        float d = a[i] - y[i];
                        g[i] = d;
                        sum += 0.5 * d * d;
                    }
                    return sum;
                }

                public static final class Nan implements CostProvider {
                    public String name() { return "nan-cost"; }
                    public String description() { return "a cost that is always NaN"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        return (a, y, rows, width, g) -> { quadratic(a, y, rows, width, g); return Double.NaN; };
                    }
                }

                public static final class Flaky implements CostProvider {
                    public String name() { return "flaky-cost"; }
                    public String description() { return "quadratic, but NaN while -Dflaky-cost.nan=true"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        return (a, y, rows, width, g) -> {
                            double c = quadratic(a, y, rows, width, g);
                            return Boolean.getBoolean("flaky-cost.nan") ? Double.NaN : c;
                        };
                    }
                }

                public static final class Broken implements CostProvider {
                    public String name() { return "broken-cost"; }
                    public String description() { return "create() throws"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) { throw new IllegalStateException("no licence server"); }
                }

                public static final class Crash implements CostProvider {
                    public String name() { return "crash-cost"; }
                    public String description() { return "a bug: throws while computing the cost"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        return (a, y, rows, width, g) -> {
                            throw new IllegalStateException("simulated bug in crash-cost");
                        };
                    }
                }

                public static final class WrongGradient implements CostProvider {
                    public String name() { return "wrong-gradient-cost"; }
                    public String description() { return "1/2 ||a - y||^2 with the gradient 2 (a - y)"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        return (a, y, rows, width, g) -> {
                            double c = quadratic(a, y, rows, width, g);
                            for (int i = 0; i < rows * width; i++) g[i] *= 2;
                            return c;
                        };
                    }
                }
            }
            """;

    private static final String THROWING = """
            package com.example.faulty;

            import dev.descent.spi.Cost;
            import dev.descent.spi.CostProvider;
            import dev.descent.spi.Parameter;
            import dev.descent.spi.Parameters;
            import java.util.List;

            public final class ThrowingProvider implements CostProvider {
                public ThrowingProvider() { throw new IllegalStateException("constructor refuses to run"); }
                public String name() { return "never"; }
                public String description() { return "never built"; }
                public List<Parameter> parameters() { return List.of(); }
                public Cost create(Parameters p) { return null; }
            }
            """;

    private static final String RUNAWAY = """
            package com.example.faulty;

            import dev.descent.spi.Cost;
            import dev.descent.spi.CostProvider;
            import dev.descent.spi.Parameter;
            import dev.descent.spi.Parameters;
            import java.util.ArrayList;
            import java.util.List;

            public final class Runaway {
                private Runaway() {}

                public static final class Deep implements CostProvider {
                    public String name() { return "deep-cost"; }
                    public String description() { return "create() recurses without end"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        depth(0);
                        return null;
                    }
                    private static int depth(int n) { return depth(n + 1) + 1; }
                }

                public static final class Greedy implements CostProvider {
                    public String name() { return "greedy-cost"; }
                    public String description() { return "create() allocates until the heap is full"; }
                    public List<Parameter> parameters() { return List.of(); }
                    public Cost create(Parameters p) {
                        List<long[]> tables = new ArrayList<>();
                        while (true) tables.add(new long[1 << 20]);
                    }
                }
            }
            """;

    private static final String PICKY = """
            package com.example.faulty;

            import dev.descent.kernel.Activation;
            import dev.descent.spi.Cost;
            import dev.descent.spi.CostProvider;
            import dev.descent.spi.Parameter;
            import dev.descent.spi.Parameters;
            import java.util.List;
            import java.util.Set;

            public final class PickyCost implements CostProvider {
                public String name() { return "sigmoid-only-cost"; }
                public String description() { return "quadratic, declared as defined on sigmoid outputs only"; }
                public List<Parameter> parameters() { return List.of(); }
                public Set<Activation> outputActivations() { return Set.of(Activation.SIGMOID); }
                public Cost create(Parameters p) {
                    return (a, y, rows, width, g) -> {
                        double sum = 0;
                        for (int i = 0; i < rows * width; i++) {
                            g[i] = a[i] - y[i];
                            sum += 0.5 * g[i] * g[i];
                        }
                        return sum;
                    };
                }
            }
            """;
}
