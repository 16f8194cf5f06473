package dev.descent.spark;

import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.sweep.TrialRunner;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;

/**
 * Gets descent's classes to the executors of a cluster when the driver was not started by
 * spark-submit (which ships its application jar itself): the jars that hold descent, its built-in
 * plugins, this engine and the YAML reader go with the job ({@code spark.jars}). When any of them is a
 * folder of classes (a development build), all of them are put on the executors' class path instead
 * ({@code spark.executor.extraClassPath}), which works when the executors see this machine's files:
 * the same machine, or shared storage. They go together so that one class loader sees them all.
 */
final class ExecutorClassPath {
    private ExecutorClassPath() {
    }

    static void configure(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (master.startsWith("local") || conf.contains("spark.jars")) return;
        List<Path> sources = sources();
        boolean allJars = sources.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"));
        if (allJars) {
            conf.set("spark.jars", String.join(",", sources.stream().map(p -> p.toUri().toString()).toList()));
        } else {
            List<String> entries = new ArrayList<>(sources.stream().map(Path::toString).toList());
            String existing = conf.get("spark.executor.extraClassPath", "");
            if (!existing.isEmpty()) entries.add(existing);
            conf.set("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, entries));
        }
    }

    /** Where descent's classes, the built-in plugins, this engine and the YAML reader were loaded from. */
    static List<Path> sources() {
        Set<Path> sources = new LinkedHashSet<>();
        add(sources, TrialRunner.class);
        add(sources, ExecutorClassPath.class);
        PluginRegistry registry = PluginRegistry.loadDefault();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginProvider<?> p : registry.providers(kind)) add(sources, p.getClass());
        }
        add(sources, com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class);
        add(sources, org.yaml.snakeyaml.LoaderOptions.class);
        return List.copyOf(sources);
    }

    private static void add(Set<Path> sources, Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return;
        try {
            sources.add(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file (a jar inside a jar, say): spark-submit's own shipping must cover it.
        }
    }
}
