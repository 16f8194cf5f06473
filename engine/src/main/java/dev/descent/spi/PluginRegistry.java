package dev.descent.spi;

import dev.descent.DescentException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every plugin provider, by kind and name: the built-ins visible to the engine's class loader, and
 * those of plugin jars, each loaded in its own class loader whose parent is the engine's. The only
 * class that calls {@link ServiceLoader}. Resolving a {@link PluginSpec} checks the name and the
 * parameters against what the provider declares, fills in defaults, and builds the plugin.
 */
public final class PluginRegistry {
    /** Where the built-in providers come from, in listings and messages. */
    public static final String BUILT_IN = "built-in";

    private final Map<PluginKind, Map<String, PluginProvider<?>>> providers = new EnumMap<>(PluginKind.class);
    private final Map<PluginProvider<?>, String> origins = new IdentityHashMap<>();

    private PluginRegistry() {
        for (PluginKind kind : PluginKind.values()) providers.put(kind, new TreeMap<>());
    }

    /** Loads the providers visible to the given class loader, all counted as built-in. */
    public static PluginRegistry load(ClassLoader loader) {
        return load(loader, List.of());
    }

    /** The built-ins visible to {@code loader}, then the providers of each jar, in order. */
    public static PluginRegistry load(ClassLoader loader, List<Path> jars) {
        PluginRegistry registry = new PluginRegistry();
        registry.addAll(loader, null, BUILT_IN);
        for (Path jar : jars) {
            ClassLoader jarLoader = openJar(jar);
            registry.addAll(jarLoader, jarLoader, jar.toString());
        }
        return registry;
    }

    /** Loads the providers visible to this class's loader: the built-ins on the class path. */
    public static PluginRegistry loadDefault() {
        return load(PluginRegistry.class.getClassLoader());
    }

    /** The {@code .jar} files in a plugin folder, sorted by name so that loading order is stable. */
    public static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DescentException("plugin folder " + folder.toAbsolutePath().normalize()
                    + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new DescentException("cannot list plugin folder " + folder.toAbsolutePath().normalize() + ": "
                    + e.getMessage());
        }
    }

    private static ClassLoader openJar(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // Opened only to fail here, naming the file, rather than deep inside ServiceLoader.
        } catch (IOException e) {
            throw new DescentException("plugin jar " + jar + " is not a readable jar file: " + e.getMessage());
        }
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginRegistry.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new DescentException("plugin jar " + jar + " has an unusable path: " + e.getMessage());
        }
    }

    /**
     * Adds the providers ServiceLoader finds through {@code loader}; with {@code only} set, just those
     * defined by that loader (a jar's loader also sees its parent's built-ins, which are already in).
     */
    private void addAll(ClassLoader loader, ClassLoader only, String origin) {
        for (PluginKind kind : PluginKind.values()) {
            Map<String, PluginProvider<?>> byName = providers.get(kind);
            try {
                for (PluginProvider<?> provider : ServiceLoader.load(kind.service(), loader)) {
                    if (only != null && provider.getClass().getClassLoader() != only) continue;
                    String name = provider.name();
                    PluginProvider<?> previous = byName.putIfAbsent(name, provider);
                    if (previous != null) {
                        throw new DescentException("two " + kind.label() + " plugins are named '" + name + "': "
                                + describe(previous, origins.get(previous)) + " and " + describe(provider, origin));
                    }
                    origins.put(provider, origin);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // The error's own message names the provider class; its root cause says what went wrong.
                String detail = e.getMessage() == null || e.getCause() == null ? rootMessage(e)
                        : e.getMessage().replace(kind.service().getName() + ": ", "") + ": " + rootMessage(e);
                throw new DescentException("could not load a " + kind.label() + " plugin from " + origin + ": "
                        + detail, e);
            }
        }
    }

    private static String describe(PluginProvider<?> provider, String origin) {
        return provider.getClass().getName() + " (" + origin + ")";
    }

    /** Providers of one kind, sorted by name. */
    public Collection<PluginProvider<?>> providers(PluginKind kind) {
        return Collections.unmodifiableCollection(providers.get(kind).values());
    }

    /**
     * Where the plugin a spec names comes from, for model files: {@code built-in}, or the jar's file
     * name with the jar's Implementation-Version when its manifest has one ({@code example.jar 1.0.0}).
     */
    public String provenance(PluginKind kind, PluginSpec spec) {
        PluginProvider<?> provider = provider(kind, spec);
        String origin = origins.get(provider);
        if (BUILT_IN.equals(origin)) return origin;
        String version = provider.getClass().getPackage() == null ? null
                : provider.getClass().getPackage().getImplementationVersion();
        String jar = Path.of(origin).getFileName().toString();
        return version == null ? jar : jar + " " + version;
    }

    /** {@link #BUILT_IN} or the path of the jar the provider came from. */
    public String origin(PluginProvider<?> provider) {
        return origins.get(provider);
    }

    public Cost cost(PluginSpec spec) {
        return (Cost) create(PluginKind.COST, spec);
    }

    public Initializer initializer(PluginSpec spec) {
        return (Initializer) create(PluginKind.INITIALIZER, spec);
    }

    public LearningRateSchedule schedule(PluginSpec spec) {
        return (LearningRateSchedule) create(PluginKind.SCHEDULE, spec);
    }

    public Optimizer optimizer(PluginSpec spec) {
        return (Optimizer) create(PluginKind.OPTIMIZER, spec);
    }

    public SweepEngine sweepEngine(PluginSpec spec) {
        return (SweepEngine) create(PluginKind.SWEEP_ENGINE, spec);
    }

    /** Checks a spec without building the plugin; returns the parameters with defaults filled in. */
    public Parameters validate(PluginKind kind, PluginSpec spec) {
        return bind(provider(kind, spec), spec);
    }

    private Object create(PluginKind kind, PluginSpec spec) {
        PluginProvider<?> provider = provider(kind, spec);
        Parameters parameters = bind(provider, spec);
        try {
            Object plugin = provider.create(parameters);
            if (plugin == null) {
                throw new DescentException(identify(kind, spec, provider) + spec.describe(null)
                        + " returned nothing from create()");
            }
            return plugin;
        } catch (DescentException e) {
            // A provider's own check of its parameters (low < high, ascending milestones) knows no key path.
            throw new DescentException(kind.label() + " '" + spec.name() + "'" + spec.describe(null) + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // The plugin's fault, reported like its exceptions; once unwound, the stack is usable again.
            throw new DescentException(identify(kind, spec, provider) + spec.describe(null) + " failed to start: "
                    + rootMessage(e)
                    + (e instanceof StackOverflowError ? " (a recursion in its create() that does not end?)" : ""), e);
        } catch (OutOfMemoryError e) {
            // What create() allocated is unreachable once it has thrown, so there is heap to report with.
            throw new DescentException(identify(kind, spec, provider) + spec.describe(null)
                    + " ran out of memory in create() (" + rootMessage(e)
                    + "); check its parameters, or give Java more heap, e.g. JAVA_OPTS=-Xmx8g", e);
        }
    }

    /** Kind, name, class and jar, for messages about one plugin: {@code cost plugin 'x' (com.X (x.jar))}. */
    private String identify(PluginKind kind, PluginSpec spec, PluginProvider<?> provider) {
        return kind.label() + " plugin '" + spec.name() + "' (" + describe(provider, origins.get(provider)) + ")";
    }

    private PluginProvider<?> provider(PluginKind kind, PluginSpec spec) {
        Map<String, PluginProvider<?>> byName = providers.get(kind);
        PluginProvider<?> provider = byName.get(spec.name());
        if (provider == null) {
            String suggestion = Names.closest(spec.name(), byName.keySet())
                    .map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw new DescentException("unknown " + kind.label() + " '" + spec.name() + "'" + spec.describe("name")
                    + suggestion + "; available: " + String.join(", ", byName.keySet()));
        }
        return provider;
    }

    /**
     * The spec as its plugin is built: every parameter the provider declares, with its value checked and
     * converted (a number as Double or Long by its type, whole numbers listed as a List of Long, however the
     * config wrote them) or its default, nested schedules completed likewise. For model files, which record it
     * so that it binds back to the same plugin whatever the defaults of a later version.
     */
    public PluginSpec complete(PluginKind kind, PluginSpec spec) {
        return new PluginSpec(spec.name(), values(provider(kind, spec), spec, false), spec.keyPath(), spec.source());
    }

    private Parameters bind(PluginProvider<?> provider, PluginSpec spec) {
        return new Parameters(values(provider, spec, true));
    }

    /** The declared parameters' values; with {@code build}, nested schedules built, else completed specs. */
    private Map<String, Object> values(PluginProvider<?> provider, PluginSpec spec, boolean build) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (Parameter p : provider.parameters()) declared.put(p.name(), p);
        for (String key : spec.parameters().keySet()) {
            if (!declared.containsKey(key)) {
                List<String> names = new ArrayList<>(declared.keySet());
                String valid = names.isEmpty() ? "it takes no parameters" : "valid: " + String.join(", ", names);
                throw new DescentException("unknown parameter '" + key + "' for '" + spec.name() + "'"
                        + spec.describe(key) + "; " + valid);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : declared.values()) {
            Object raw = spec.parameters().get(p.name());
            if (raw == null) {
                if (p.defaultValue() == null) {
                    throw new DescentException("missing parameter '" + p.name() + "' for '" + spec.name() + "'"
                            + spec.describe(null) + "; expected " + p.describe());
                }
                raw = p.defaultValue();
            }
            values.put(p.name(), coerce(p, raw, spec, build));
        }
        return values;
    }

    private Object coerce(Parameter p, Object raw, PluginSpec spec, boolean build) {
        return switch (p.type()) {
            case NUMBER, INTEGER -> number(p, raw, raw, spec);
            case BOOLEAN -> {
                if (!(raw instanceof Boolean)) throw wrong(p, raw, spec, "true or false");
                yield raw;
            }
            case STRING -> {
                if (!(raw instanceof String)) throw wrong(p, raw, spec, "a string");
                yield raw;
            }
            case SCHEDULE -> {
                if (!(raw instanceof PluginSpec nested)) throw wrong(p, raw, spec, "a schedule: {name: ...}");
                String where = spec.keyPath() == null ? p.name() : spec.keyPath() + "." + p.name();
                // A default nested schedule has no source of its own: it stands where its parent does.
                ConfigSource source = nested.source() == ConfigSource.NONE ? spec.source() : nested.source();
                PluginSpec located = new PluginSpec(nested.name(), nested.parameters(), where, source);
                yield build ? schedule(located) : complete(PluginKind.SCHEDULE, located);
            }
            case INTEGER_LIST -> {
                String expected = "a list of whole numbers, e.g. [10, 20] or \"10,20\"";
                List<?> items;
                if (raw instanceof List<?> list) {
                    items = list;
                } else if (raw instanceof String text && !text.isBlank()) {
                    items = integers(text);
                    if (items == null) throw wrong(p, raw, spec, expected);
                } else {
                    throw wrong(p, raw, spec, expected);
                }
                if (items.isEmpty()) throw wrong(p, raw, spec, expected);
                List<Long> values = new ArrayList<>();
                for (Object item : items) {
                    if (!(item instanceof Long || item instanceof Integer)) throw wrong(p, raw, spec, expected);
                    values.add(((Number) number(p, item, raw, spec)).longValue());
                }
                yield List.copyOf(values);
            }
        };
    }

    /** A number (or one item of a list, {@code whole} being the list) checked against the parameter's range. */
    private static Object number(Parameter p, Object raw, Object whole, PluginSpec spec) {
        if (!(raw instanceof Number n)) throw wrong(p, whole, spec, "a number");
        double v = n.doubleValue();
        boolean integral = p.type() != Parameter.Type.NUMBER;
        if (integral && (raw instanceof Double || raw instanceof Float) && v != Math.rint(v)) {
            throw wrong(p, whole, spec, "a whole number");
        }
        if (!(v >= p.min() && v <= p.max())) throw wrong(p, whole, spec, "a value in its range");
        return integral ? (Object) n.longValue() : (Object) v;
    }

    /** {@code "10, 20"} as whole numbers; null when some item is not one. */
    private static List<Long> integers(String text) {
        List<Long> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return values;
    }

    private static DescentException wrong(Parameter p, Object raw, PluginSpec spec, String expected) {
        String value = raw instanceof String text ? "'" + text + "'" : String.valueOf(raw);
        return new DescentException("invalid value " + value + spec.describe(p.name()) + ": expected " + expected
                + " (" + p.describe() + ")");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
