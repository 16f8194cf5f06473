package dev.descent.plugins.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warmup wraps a schedule written as a nested mapping, straight from YAML. */
class WarmupScheduleTest {
    @TempDir
    Path dir;

    private ExperimentConfig load(String learningRate) throws IOException {
        Path file = dir.resolve("warm.yaml");
        Files.writeString(file, "network: {layers: [784, 16, 10]}\ntraining:\n  epochs: 4\n  learning-rate: "
                + learningRate + "\n");
        return ConfigLoader.load(file, List.of());
    }

    @Test
    void rampsLinearlyThenFollowsTheWrappedSchedule() throws IOException {
        ExperimentConfig config =
                load("{name: warmup, steps: 4, then: {name: step, rate: 2.0, every: 1, factor: 0.5}}");
        LearningRateSchedule s = PluginRegistry.loadDefault().schedule(config.training().learningRate());
        assertEquals(0.5, s.rate(new TrainingProgress(0, 0, 10, 4)), 1e-12);   // 2.0 * 1/4
        assertEquals(1.5, s.rate(new TrainingProgress(0, 2, 10, 4)), 1e-12);   // 2.0 * 3/4
        assertEquals(2.0, s.rate(new TrainingProgress(0, 4, 10, 4)), 1e-12);
        assertEquals(1.0, s.rate(new TrainingProgress(1, 12, 10, 4)), 1e-12);  // the step schedule halved it
    }

    @Test
    void aNestedScheduleRoundTripsThroughTheResolvedConfig() throws IOException {
        ExperimentConfig config = load("{name: warmup, steps: 10, then: {name: cosine, rate: 1.0, floor: 0.01}}");
        Path replay = dir.resolve("replay.yaml");
        Files.writeString(replay, ConfigLoader.toYaml(config));
        assertEquals(config.training().learningRate(), ConfigLoader.load(replay, List.of()).training().learningRate());
    }

    @Test
    void errorsInsideTheNestedScheduleNameTheirKeyPath() throws IOException {
        ExperimentConfig config = load("{name: warmup, then: {name: cosine, floor: -1}}");
        DescentException e = assertThrows(DescentException.class,
                () -> PluginRegistry.loadDefault().schedule(config.training().learningRate()));
        assertTrue(e.getMessage().contains("training.learning-rate.then.floor"), e.getMessage());
    }
}
