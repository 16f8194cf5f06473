package dev.descent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the descent command line in a child JVM started the way the launcher starts it (C2 only: the
 * Vector API kernels are fast from the first trial on, where a test JVM's tiered JIT takes seconds).
 */
final class ChildDescent {
    private ChildDescent() {
    }

    /** The java command for {@code descent ARGS} with this JVM's class path. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation", "-cp",
                System.getProperty("java.class.path"), "dev.descent.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs to the end (at most 10 minutes); stderr is folded into out. */
    static Cli.Result run(String... args) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("descent did not exit: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Cli.Result(child.exitValue(), new String(out, StandardCharsets.UTF_8), "");
    }
}
