package dev.descent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use descent from Java" example is the code of {@code examples/embed}, which {@code .ci/run}
 * builds and runs: every line of the README's block stands, in order, in {@code Embed.main}.
 */
class EmbedExampleReadmeTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void readmeExampleIsTheCodeOfExamplesEmbed() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("## Use descent from Java");
        assertTrue(section >= 0, "README has the section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        List<String> block = readme.substring(start, readme.indexOf("```", start)).strip().lines()
                .map(String::strip).toList();
        List<String> source = Files.readAllLines(
                ROOT.resolve("examples/embed/src/main/java/com/example/embed/Embed.java")).stream()
                .map(String::strip).toList();
        int at = source.indexOf(block.getFirst());
        assertTrue(at >= 0, "Embed.java holds: " + block.getFirst());
        assertEquals(block, source.subList(at, Math.min(source.size(), at + block.size())));
        assertTrue(block.size() >= 15 && block.size() <= 25, block.size() + " lines");
    }
}
