package dev.descent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java deserialization anywhere: descent reads files from many places, and an
 * {@code ObjectInputStream} (or {@code XMLDecoder}) over such a file runs whatever code its author
 * chose. Scans every Java file under src/main and src/test of every module, the example plugin
 * included; only this test may name the classes.
 */
class NoJavaDeserializationTest {
    private static final List<String> FORBIDDEN = List.of("ObjectInputStream", "XMLDecoder");

    @Test
    void noSourceFileUsesJavaDeserialization() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("engine")),
                "the tests run in the engine module, beside the other modules: " + root);
        List<Path> scanned = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(NoJavaDeserializationTest::isSource).toList()) {
                if (f.getFileName().toString().equals("NoJavaDeserializationTest.java")) continue;
                scanned.add(f);
                String text = Files.readString(f);
                for (String name : FORBIDDEN) {
                    if (text.contains(name)) found.add(root.relativize(f) + " uses " + name);
                }
            }
        }
        assertTrue(scanned.size() > 100, "found the sources: " + scanned.size());
        assertTrue(scanned.stream().anyMatch(f -> f.toString().contains("plugins/src/test")), "plugins' tests scanned");
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    private static boolean isSource(Path f) {
        String path = f.toString().replace('\\', '/');
        return path.endsWith(".java") && (path.contains("/src/main/java/") || path.contains("/src/test/java/"))
                && !path.contains("/target/");
    }
}
