package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin project (plugins/example) compiled against the engine, packed as a jar, dropped
 * into a folder and used through {@code --plugins}, end to end.
 */
class ExternalPluginJarTest {
    static final Path EXAMPLE = Path.of("example");

    @TempDir
    static Path dir;
    static Path pluginFolder;
    static Path data;

    @BeforeAll
    static void buildTheExampleJar() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String[] args = Stream.concat(Stream.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")),
                sources.stream()).toArray(String[]::new);
        assertEquals(0, javac.run(null, null, null, args), "the example plugin compiles against the SPI");
        pluginFolder = Files.createDirectories(dir.resolve("plugins"));
        jar(pluginFolder.resolve("descent-example-plugin.jar"), classes, EXAMPLE.resolve("src/main/resources"));
        data = TinyMnist.write(dir.resolve("data"));
    }

    @Test
    void aConfigTrainsWithTheJarsSchedule() throws IOException {
        Path config = dir.resolve("cyclic.yaml");
        Files.writeString(config, """
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training:
                  epochs: 2
                  learning-rate: {name: triangular, low: 0.5, high: 2.0, half-cycle: 3}
                """);
        Path out = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", out.toString(),
                "--plugins", pluginFolder.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        // 40 samples in batches of 10: the last step of epoch 1 is step 3, where the cycle peaks at 2.0.
        assertTrue(metrics.get(1).contains(",2.0000000,"), metrics.get(1));
        String header = new String(Files.readAllBytes(out.resolve("model.safetensors")), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"learning_rate\":\"triangular (descent-example-plugin.jar)\""), "model metadata");
        assertTrue(header.contains("\"cost\":\"quadratic (built-in)\""), "model metadata");
    }

    @Test
    void withoutTheJarTheNameIsUnknown() throws IOException {
        Path config = dir.resolve("cyclic-missing.yaml");
        Files.writeString(config, """
                network: {layers: [784, 8, 10]}
                training: {learning-rate: {name: triangular}}
                """);
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out",
                dir.resolve("none").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown schedule 'triangular'"), r.err());
    }

    @Test
    void pluginsListsTheJarsProviderWithItsOrigin() {
        Cli.Result r = Cli.run("plugins", "--plugins", pluginFolder.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("triangular") && r.out().contains("descent-example-plugin.jar")
                && r.out().contains("half-cycle"), r.out());
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("bad-plugins"));
        Files.writeString(folder.resolve("notes.jar"), "not a zip");
        Cli.Result r = Cli.run("plugins", "--plugins", folder.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("notes.jar"), r.err());
    }

    private static void jar(Path jar, Path... roots) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
