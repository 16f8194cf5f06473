package dev.descent.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 for download tests: serves files, and misbehaves on request. */
final class LocalServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> shortBy = new ConcurrentHashMap<>();
    private final Map<String, Long> stallMillis = new ConcurrentHashMap<>();
    private final Map<String, Boolean> chunked = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LocalServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Serves {@code content} at /name. */
    LocalServer serve(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** Serves /name declaring its full Content-Length but sends only all but {@code missing} bytes, then closes. */
    LocalServer truncate(String name, int missing) {
        shortBy.put(name, missing);
        return this;
    }

    /** Serves /name in chunks, without a Content-Length. */
    LocalServer chunked(String name) {
        chunked.put(name, true);
        return this;
    }

    /** Sends the first 10 bytes of /name, then waits {@code millis} before the rest. */
    LocalServer stall(String name, long millis) {
        stallMillis.put(name, millis);
        return this;
    }

    /** A URI on which nothing listens, so connections are refused. */
    static URI refusingBase() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        requests.add(name);
        byte[] content = files.get(name);
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, chunked.containsKey(name) ? 0 : content.length);
        OutputStream out = exchange.getResponseBody();
        try {
            int sent = content.length - shortBy.getOrDefault(name, 0);
            Long stall = stallMillis.get(name);
            if (stall != null) {
                out.write(content, 0, 10);
                out.flush();
                Thread.sleep(stall);
                out.write(content, 10, sent - 10);
            } else {
                out.write(content, 0, sent);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // The client gave up first, as the stall test intends.
        } finally {
            try {
                exchange.close();
            } catch (RuntimeException e) {
                // Closing a short fixed-length body fails by design: that is the truncation.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
