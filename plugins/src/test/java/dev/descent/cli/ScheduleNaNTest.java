package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule plugin that returns NaN as the learning rate is named as the fault, not blamed on the
 * learning rate: exit 2, one line naming the schedule and its jar, no advice to lower the rate, and no
 * model. The plugin is compiled into a jar at test time so that its own class loader defines it.
 */
class ScheduleNaNTest {
    private static final String SOURCE = """
            package com.example.nan;

            import dev.descent.spi.LearningRateSchedule;
            import dev.descent.spi.Parameter;
            import dev.descent.spi.Parameters;
            import dev.descent.spi.ScheduleProvider;
            import java.util.List;

            public final class NanSchedule implements ScheduleProvider {
                public String name() { return "nan-schedule"; }
                public String description() { return "1.0 for the first 3 mini-batches, then NaN"; }
                public List<Parameter> parameters() { return List.of(); }
                public LearningRateSchedule create(Parameters p) {
                    return progress -> progress.step() < 3 ? 1.0 : Double.NaN;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aScheduleReturningNaNIsNamedAsTheFault() throws IOException {
        Path data = TinyMnist.write(dir.resolve("data"));
        Path plugins = nanScheduleJar(dir.resolve("plugins"));
        Path config = Files.writeString(dir.resolve("nan.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                training: {epochs: 2, batch-size: 10, learning-rate: {name: nan-schedule}}
                """);
        Path run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet", "--plugins", plugins.toString());
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("the learning-rate schedule nan-schedule (nan-schedule.jar")
                && err.contains("returned NaN") && err.contains("epoch 1, step 4")
                && err.contains("the schedule plugin is at fault"), err);
        assertFalse(err.contains("try a smaller training.learning-rate"), err);
        assertFalse(Files.exists(run.resolve("model.safetensors")));
    }

    private static Path nanScheduleJar(Path folder) throws IOException {
        Path src = Files.createDirectories(folder.resolveSibling("nan-src").resolve("com/example/nan"));
        Path classes = Files.createDirectories(folder.resolveSibling("nan-classes"));
        Files.writeString(src.resolve("NanSchedule.java"), SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("NanSchedule.java").toString());
        assertEquals(0, status, "the schedule plugin compiles");
        Files.createDirectories(folder);
        try (OutputStream file = Files.newOutputStream(folder.resolve("nan-schedule.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.descent.spi.ScheduleProvider"));
            jar.write("com.example.nan.NanSchedule\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("com/example/nan/NanSchedule.class"));
            Files.copy(classes.resolve("com/example/nan/NanSchedule.class"), jar);
            jar.closeEntry();
        }
        return folder;
    }
}
