package dev.descent.spark;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.sweep.TrialRunner;
import java.io.File;
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
 * spark-submit (which ships its application jar itself). Preferred: descent-spark-submit.jar, built
 * beside this engine's jar, goes with the job ({@code spark.jars}); it holds descent, the built-in
 * plugins and this engine, with Jackson and SnakeYAML relocated, so whatever the cluster's class path
 * holds cannot split them between class loaders. Without it: when any of descent's class sources is
 * a folder (a development build), all of them go on the executors' class path
 * ({@code spark.executor.extraClassPath}), which works when the executors see this machine's files
 * (the same machine, or shared storage); else the jars themselves go with the job.
 */
final class ExecutorClassPath {
    static final String SUBMIT_JAR = "descent-spark-submit.jar";

    private ExecutorClassPath() {
    }

    static void configure(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (master.startsWith("local") || conf.contains("spark.jars")) return;
        Path submitJar = submitJar();
        if (submitJar != null) {
            conf.set("spark.jars", submitJar.toUri().toString());
            return;
        }
        List<Path> sources = sources();
        boolean allJars = sources.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"));
        if (allJars) {
            conf.set("spark.jars", String.join(",", sources.stream().map(p -> p.toUri().toString()).toList()));
        } else {
            List<String> entries = new ArrayList<>(sources.stream().map(Path::toString).toList());
            String existing = conf.get("spark.executor.extraClassPath", "");
            if (!existing.isEmpty()) entries.add(existing);
            conf.set("spark.executor.extraClassPath", String.join(File.pathSeparator, entries));
        }
    }

    /** descent-spark-submit.jar: this engine's own jar when it is that one, else the one beside it; null when none. */
    static Path submitJar() {
        Set<Path> self = new LinkedHashSet<>();
        add(self, ExecutorClassPath.class);
        if (self.isEmpty()) return null;
        Path jar = self.iterator().next();
        if (!Files.isRegularFile(jar)) return null;
        Path submit = jar.getFileName().toString().equals(SUBMIT_JAR) ? jar : jar.resolveSibling(SUBMIT_JAR);
        return Files.isRegularFile(submit) ? submit : null;
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
        add(sources, YAMLFactory.class);
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
