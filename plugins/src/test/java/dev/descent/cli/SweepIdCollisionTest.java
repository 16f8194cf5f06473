package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two configurations whose 8-digit hashes are the same run as two trials, and a rerun finds both finished. */
class SweepIdCollisionTest {
    @TempDir
    Path dir;

    @Test
    void ratesWhoseShortHashesCollideRunAsTwoTrialsAndARerunSkipsThem() throws IOException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Files.writeString(dir.resolve("base.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10], activation: relu}
                cost: {name: softmax-cross-entropy}
                training: {epochs: 1, batch-size: 10, learning-rate: 0.1}
                """);
        // The SHA-256 of both overrides starts with 4ac1831f, 0.1.0's whole id: it ended in an internal error.
        Path sweep = dir.resolve("sweep.yaml");
        Files.writeString(sweep, "base: base.yaml\ngrid: {training.learning-rate: [0.107328, 0.160647]}\n");
        Path out = dir.resolve("out");
        String[] args = {"sweep", sweep.toString(), "--data", data.toString(), "--out", out.toString()};
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.err() + r.out());

        List<List<String>> trials = SweepFiles.csv(out.resolve("trials.csv"));
        List<String> ids = SweepFiles.column(trials, "id");
        assertEquals(List.of("4ac1831f3ee5-s3", "4ac1831faf78-s3"), ids);
        assertEquals(List.of("ok", "ok"), SweepFiles.column(trials, "status"));
        try (Stream<Path> folders = Files.list(out.resolve("trials"))) {
            assertEquals(ids.stream().sorted().toList(),
                    folders.map(p -> p.getFileName().toString()).sorted().toList());
        }

        Cli.Result again = Cli.run(args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("2 trials finished in an earlier run (skipped), 0 to run"), again.out());
    }
}
