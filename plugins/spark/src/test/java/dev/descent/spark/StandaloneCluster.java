package dev.descent.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and {@code workers} workers, each its own JVM
 * started from the Spark jars on this test's class path, on free ports. Like an installed Spark, it has
 * a SPARK_HOME whose {@code jars/} holds Spark and its dependencies (links to the class path's jars),
 * and nothing of descent: the engine must get descent's classes to the executors itself.
 * {@link #close} kills the master, the workers and the executors they started.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int webPort;

    private StandaloneCluster(Path home, int port, int webPort) {
        this.home = home;
        this.port = port;
        this.webPort = webPort;
    }

    /** Starts the master and the workers (one core, 1 GiB each) and waits until every worker has registered. */
    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = sparkHome(dir.resolve("spark-home"));
        StandaloneCluster cluster = new StandaloneCluster(home, freePort(), freePort());
        try {
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(cluster.port), "--webui-port", Integer.toString(cluster.webPort)));
            cluster.await("the master listening", 60, () -> listening(cluster.port));
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                cluster.launch("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores",
                                "1", "--memory", "1g", "--work-dir", work.toString(), cluster.url()));
            }
            cluster.await(workers + " workers registered", 90, () -> cluster.aliveWorkers() == workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The last lines each JVM of the cluster logged, for failure messages. */
    String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(home.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                s.append("== ").append(f.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> s.append(l).append('\n'));
            }
        }
        return s.toString();
    }

    /** A Spark installation's layout: jars/ with links to the class path's jars, descent's own left out. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("logs"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || name.startsWith("descent-") || !Files.isRegularFile(jar)) continue;
            Path link = jars.resolve(name);
            if (!Files.exists(link)) Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
        return home;
    }

    private void launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(Arrays.asList(System.getProperty("descent.spark.jvm.options", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", home.resolve("jars") + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs").resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        processes.add(builder.start());
    }

    private int aliveWorkers() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ALIVE_WORKERS.matcher(page.body());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void await(String what, int seconds, BooleanSupplier condition)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited (" + p.exitValue() + "):\n" + logs());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " after " + seconds + " s:\n" + logs());
            }
            Thread.sleep(250);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills the executors the workers started, then the workers and the master. */
    @Override
    public void close() {
        for (Process p : processes) p.descendants().forEach(ProcessHandle::destroyForcibly);
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(Duration.ofSeconds(10))) p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
