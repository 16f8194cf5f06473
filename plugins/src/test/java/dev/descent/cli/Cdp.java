package dev.descent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol with nothing but the JDK's HTTP client and
 * WebSocket: navigate, evaluate JavaScript, dispatch mouse events (which the page receives as pointer
 * events) and take screenshots. One page per instance.
 */
final class Cdp implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Cdp(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** Starts {@code chromium} with a fresh profile in {@code work} and a {@code width x height} window. */
    static Cdp start(Path chromium, Path work, int width, int height) throws Exception {
        Path profile = Files.createDirectories(work.resolve("profile"));
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"));
        Process browser = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!browser.isAlive() || System.nanoTime() > end) {
                browser.destroyForcibly();
                throw new IllegalStateException("chromium did not open its DevTools port: "
                        + Files.readString(work.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String page = null;
        for (JsonNode target : JSON.readTree(list)) {
            if (target.path("type").asText().equals("page")) page = target.path("webSocketDebuggerUrl").asText();
        }
        if (page == null) throw new IllegalStateException("chromium shows no page: " + list);
        Cdp[] self = new Cdp[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    self[0].received(message.toString());
                    message.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        self[0] = new Cdp(browser, socket);
        self[0].call("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return self[0];
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                if (f != null) f.complete(message);
            }
        } catch (IOException e) {
            // not a message for us
        }
    }

    /** Sends a DevTools command and returns its result; a protocol error fails. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(request), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        JsonNode message = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message.has("error")) throw new IllegalStateException(method + " failed: " + message.get("error"));
        return message.get("result");
    }

    void navigate(URI address) throws Exception {
        call("Page.navigate", Map.of("url", address.toString()));
    }

    /** The value of a JavaScript expression (promises awaited); an exception in the page fails. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Waits until {@code condition} (a JavaScript expression) is true; an exception in it (the page still
     * loading) counts as not yet. Fails with {@code what} and the last exception after the timeout.
     */
    void await(String condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String last = "";
        while (System.nanoTime() < end) {
            try {
                if (eval("Boolean(" + condition + ")").asBoolean()) return;
            } catch (IllegalStateException e) {
                last = "; last: " + e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + " (" + condition + ")" + last);
    }

    /** Presses the left button at the first point, moves through the others, and releases at the last. */
    void stroke(double[][] points) throws Exception {
        mouse("mousePressed", points[0], 1);
        for (int i = 1; i < points.length; i++) mouse("mouseMoved", points[i], 1);
        mouse("mouseReleased", points[points.length - 1], 0);
    }

    private void mouse(String type, double[] p, int buttons) throws Exception {
        call("Input.dispatchMouseEvent", Map.of("type", type, "x", p[0], "y", p[1], "button", "left",
                "buttons", buttons, "clickCount", 1));
    }

    /**
     * Chooses {@code file} in the page's {@code <input type=file>} that {@code selector} finds, as a person
     * picking it in the file dialog would: the input receives its change event.
     */
    void chooseFile(String selector, Path file) throws Exception {
        JsonNode found = call("Runtime.evaluate", Map.of("expression", "document.querySelector('" + selector + "')"));
        String id = found.path("result").path("objectId").asText("");
        if (id.isEmpty()) throw new IllegalStateException("no element " + selector + " in the page: " + found);
        call("DOM.setFileInputFiles", Map.of("files", List.of(file.toAbsolutePath().toString()), "objectId", id));
    }

    /** A PNG of the whole page (beyond the window), saved to {@code file}. */
    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        browser.descendants().forEach(ProcessHandle::destroyForcibly);
        browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
