package dev.descent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed in the middle of a write leaves the temporary file; opening the folder again deletes it. */
class RunFolderTemporaryFilesTest {
    @TempDir
    Path dir;

    @Test
    void openingARunFolderDeletesTheTemporaryFilesOfAKilledRunOnly() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        for (String name : List.of(".checkpoint.safetensors8812345.tmp", ".metrics.csv42.tmp", "metrics.csv",
                ".notes.tmp", "mine.tmp", "checkpoint.safetensors")) {
            Files.writeString(run.resolve(name), "x");
        }
        Files.createDirectories(run.resolve(".model.safetensors1.tmp"));   // not a file the run wrote

        RunFolder.create(run);

        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of(".model.safetensors1.tmp", ".notes.tmp", "checkpoint.safetensors", "metrics.csv",
                    "mine.tmp"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
