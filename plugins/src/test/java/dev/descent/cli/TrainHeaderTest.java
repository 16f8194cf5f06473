package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first line of {@code descent train} counts the images the run trains, validates and tests on. */
class TrainHeaderTest {
    @TempDir
    Path dir;

    @Test
    void countsTheValidationSamplesApartFromTheTrainingImages() throws IOException {
        Cli.Result r = train("--set", "data.validation=10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("30 training, 10 validation (held out of 40) and 20 test images"), r.out());
    }

    @Test
    void withoutValidationCountsEveryTrainingImage() throws IOException {
        Cli.Result r = train();
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("; 40 training and 20 test images"), r.out());
    }

    private Cli.Result train(String... overrides) throws IOException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), """
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 1, batch-size: 10}
                """);
        String[] args = new String[6 + overrides.length];
        args[0] = "train";
        args[1] = config.toString();
        args[2] = "--data";
        args[3] = data.toString();
        args[4] = "--out";
        args[5] = dir.resolve("run").toString();
        System.arraycopy(overrides, 0, args, 6, overrides.length);
        return Cli.run(args);
    }
}
