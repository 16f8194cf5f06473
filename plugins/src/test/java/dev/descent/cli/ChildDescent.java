package dev.descent.cli;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.simd.VectorKernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
    /** The kernel choices a build may set for its tests; a child runs with this JVM's. */
    private static final List<String> PASSED_ON = List.of(KernelProvider.PROPERTY, VectorKernels.BITS_PROPERTY);

    private ChildDescent() {
    }

    /** The java command for {@code descent ARGS} with this JVM's class path. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation"));
        command.addAll(propertiesPassedOn());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.descent.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code -Ddescent.kernels=...} and {@code -Ddescent.vector.bits=...} as this JVM has them, so that
     * {@code mvn verify -Ddescent.kernels=scalar} runs the children on the scalar kernels too.
     */
    static List<String> propertiesPassedOn() {
        List<String> options = new ArrayList<>();
        for (String name : PASSED_ON) {
            String value = System.getProperty(name);
            if (value != null && !value.isBlank()) options.add("-D" + name + "=" + value);
        }
        return options;
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

    /** How a child stopped by a signal ended: its exit code, all it printed (stderr folded in), its pid. */
    record Stopped(int exitCode, String output, long pid) {
    }

    /**
     * Runs {@code descent ARGS} and sends it {@code kill -SIGNAL} (INT, TERM, KILL) as soon as it prints a
     * line starting with {@code trigger}, then reads on to the end: the lines a dying run prints after the
     * signal (how to resume) are what the tests check. Fails when the child ends before the trigger, or does
     * not exit within a minute of it.
     */
    static Stopped signalAt(String signal, String trigger, String... args) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean signalled = false;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (!signalled && line.startsWith(trigger)) {
                    signalled = true;
                    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
                    if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " failed");
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) child.destroyForcibly();
        }
        String printed = String.join("\n", output);
        if (!signalled) {
            throw new IllegalStateException("the child ended before printing '" + trigger + "': " + printed);
        }
        if (child.isAlive()) {
            throw new IllegalStateException("the child did not exit after SIG" + signal + ": " + printed);
        }
        return new Stopped(child.exitValue(), printed, child.pid());
    }
}
