package dev.descent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the repository's shell scripts (the launcher, .ci/run) with stand-in programs, for tests. */
final class Scripts {
    /** The checkout, seen from the plugins module where its tests run. */
    static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err) {
    }

    private Scripts() {
    }

    /** Writes an executable shell script. */
    static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Copies a script of the checkout to the same place under {@code root}, executable. */
    static Path copy(String path, Path root) throws IOException {
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        Files.copy(CHECKOUT.resolve(path), target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }

    /**
     * Runs {@code command} in {@code folder} with {@code bin} first on a PATH of the system's folders only, and
     * {@code environment} (a null value removes the variable); at most a minute.
     */
    static Result run(Path folder, Path bin, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(folder.toFile());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        environment.forEach((k, v) -> {
            if (v == null) builder.environment().remove(k);
            else builder.environment().put(k, v);
        });
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not exit");
        }
        Result r = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
