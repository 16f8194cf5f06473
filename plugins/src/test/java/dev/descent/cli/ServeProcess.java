package dev.descent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A descent command that serves a page ({@code serve}, or {@code train --serve}) in a child JVM, its
 * output (stderr folded in) read line by line so that a test can wait for the address it prints.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    ServeProcess(String... args) throws IOException {
        process = new ProcessBuilder(ChildDescent.command(args)).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child went away
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** The first line that contains {@code text}; fails after {@code seconds} or when the child exits. */
    String awaitLine(String text, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) return line;
            if (line == null && !process.isAlive() && lines.isEmpty()) break;
        }
        throw new AssertionError("no line with '" + text + "' in " + seconds + " s; output:\n" + output);
    }

    /** The page's address, from the line that announces it. */
    URI awaitAddress(String text, long seconds) throws InterruptedException {
        Matcher m = ADDRESS.matcher(awaitLine(text, seconds));
        if (!m.find()) throw new AssertionError("no address in the line; output:\n" + output);
        return URI.create(m.group(1));
    }

    Process process() {
        return process;
    }

    String output() {
        return output.toString();
    }

    /** SIGTERM, then the child's exit code (within 30 s). */
    int terminate() throws InterruptedException {
        // Process.destroy() would also close our end of the child's output, losing its last lines.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child did not stop on SIGTERM; output:\n" + output);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));   // its last lines
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
