package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.image.DigitPreprocessor;
import dev.descent.image.ImageFiles;
import dev.descent.run.RunFolder;
import dev.descent.serve.ServeServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent serve} over plain HTTP: what a page asks for and gets, what a bad request gets (404,
 * 405, 413, 400, 415, 403), that no request reaches a file outside the run folder, that the drawing is
 * prepared exactly as {@code descent predict} prepares a picture, that a run folder's new files reach
 * an open event stream, and how the command ends (a port in use, SIGTERM).
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path data;
    static Path run;
    static ServeServer server;
    static URI address;

    @BeforeAll
    static void trainAndServe() throws IOException {
        data = ReportBrowserTest.writeBlocks(dir.resolve("data"));
        Path config = dir.resolve("blocks.yaml");
        Files.writeString(config, """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                init: {weights: {name: scaled-gaussian}}
                training: {epochs: 2, batch-size: 10, learning-rate: 3.0}
                """);
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        server = ServeCommand.start(run, "127.0.0.1", 0, new PluginOptions(), data, null,
                new PrintWriter(new StringWriter()));
        address = server.address();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /**
     * A raw request, so that the path reaches the server byte for byte; returns the response's status line,
     * headers and body (as far as Content-Length says: a server may keep the connection open).
     */
    static String raw(URI at, String request) throws IOException {
        try (Socket socket = new Socket(at.getHost(), at.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            int length = 0;
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                response.append(line).append('\n');
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            char[] body = new char[length];
            int n = 0;
            while (n < length) {
                int r = in.read(body, n, length - n);
                if (r < 0) break;
                n += r;
            }
            return response.append('\n').append(body, 0, n).toString();
        }
    }

    static String get(String rawPath) throws IOException {
        return raw(address, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + address.getPort()
                + "\r\nConnection: close\r\n\r\n");
    }

    static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(address.resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(address.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void pathsOutsideTheRunFolderAndUnknownPathsAre404() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "root:x:0:0");
        for (String path : List.of("/nope", "/..%2f..%2fetc/passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/..%2fsecret.txt", "/app.js/../secret.txt", "/api/../../secret.txt", "/config.yaml",
                "/model.safetensors",
                "/api/tests/1/../../../secret.txt", "/api/model/", "/style.css%00.js", "//etc/passwd")) {
            String response = get(path);
            assertTrue(response.startsWith("HTTP/1.1 404"), path + " -> " + response.lines().findFirst().orElse(""));
            assertFalse(response.contains("root:x"), path);
        }
        assertTrue(get("/api/tests/99999").startsWith("HTTP/1.1 404"), "a test image that does not exist");
    }

    @Test
    void pageIsServedFromTheJarUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(address).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        String html = page.body();
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script");
        assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
        assertFalse(html.contains("style=") || html.contains("<style"), "no inline styles");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing fetched from elsewhere");
        for (String asset : List.of("app.js", "style.css")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(address.resolve(asset)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), asset);
            assertFalse(r.body().contains("http://") || r.body().contains("https://"), asset + " fetches nothing");
        }
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String declared = raw(address, "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1:" + address.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n{");
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        HttpResponse<String> sent = post("/api/predict", "application/json",
                "\"" + "a".repeat(ServeServer.MAX_BODY) + "\"");
        assertEquals(413, sent.statusCode(), sent.body());
    }

    @Test
    void malformedBodiesAre400AndOtherMistakesHaveTheirOwnStatus() throws Exception {
        String pixels = Base64.getEncoder().encodeToString(new byte[28 * 28]);
        Map<String, String> bad = Map.of(
                "{not json", "malformed JSON",
                "[1, 2]", "expected a JSON object",
                "{\"width\": 28, \"height\": 28, \"pixels\": \"!!\"}", "not base64",
                "{\"width\": 28, \"height\": 27, \"pixels\": \"" + pixels + "\"}", "784 bytes for a 28x27 drawing",
                "{\"width\": 0, \"height\": 28, \"pixels\": \"\"}", "width: expected a whole number in 1..560",
                "{\"width\": 1e9, \"height\": 28, \"pixels\": \"\"}", "width: expected a whole number");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = post("/api/predict", "application/json", e.getKey());
            assertEquals(400, r.statusCode(), e.getKey() + " -> " + r.body());
            assertTrue(r.body().contains(e.getValue()), e.getKey() + " -> " + r.body());
        }
        HttpResponse<String> slope = post("/api/slope", "application/json",
                "{\"param\": \"layer9.w[0,0]\", \"from\": -1, \"to\": 1, \"steps\": 4, \"rate\": 1}");
        assertEquals(400, slope.statusCode());
        assertTrue(slope.body().contains("layer1.w[0..7,0..783]"), slope.body());
        HttpResponse<String> from = HTTP.send(HttpRequest.newBuilder(address.resolve("/api/metrics?from=-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, from.statusCode());
        assertTrue(from.body().contains("from: expected a whole number"), from.body());
        assertEquals(415, post("/api/predict", "text/plain", "{}").statusCode(), "a form cannot post here");
        assertEquals(405, HTTP.send(HttpRequest.newBuilder(address.resolve("/api/predict")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> blank = post("/api/predict", "application/json",
                "{\"width\": 28, \"height\": 28, \"pixels\": \"" + pixels + "\"}");
        assertEquals(422, blank.statusCode());
        assertTrue(blank.body().contains("the drawing shows no digit"), blank.body());
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        // A page on evil.example whose DNS name resolves to 127.0.0.1 sends its own name as Host.
        String response = raw(address, "GET /api/model HTTP/1.1\r\nHost: evil.example:" + address.getPort()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 403"), response);
    }

    @Test
    void drawingIsPreparedExactlyAsPredictPreparesThePicture() throws Exception {
        BufferedImage picture = new BufferedImage(280, 280, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(20, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {70, 210, 120}, new int[] {50, 50, 240}, 3);   // a 7
        g.dispose();
        Path png = dir.resolve("seven.png");
        ImageIO.write(picture, "png", png.toFile());
        byte[] grey = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();

        HttpResponse<String> r = post("/api/predict", "application/json",
                "{\"width\": 280, \"height\": 280, \"pixels\": \"" + Base64.getEncoder().encodeToString(grey) + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode view = JSON.readTree(r.body());
        float[] expected = DigitPreprocessor.prepare(ImageFiles.read(png), png.toString()).pixels();
        assertArrayEquals(expected, floats(view.get("layers").get(0)), "the input predict would make of the PNG");
        assertEquals(List.of(784, 8, 10), List.of(view.get("layers").get(0).size(), view.get("layers").get(1).size(),
                view.get("layers").get(2).size()));

        Cli.Result predicted = Cli.run("predict", run.toString(), png.toString(), "--json");
        assertEquals(0, predicted.exitCode(), predicted.err());
        JsonNode answer = JSON.readTree(predicted.out()).get(0);
        assertEquals(answer.get("digit").asInt(), view.get("digit").asInt());
        float[] outputs = floats(answer.get("outputs"));
        float[] served = floats(view.get("layers").get(2));
        for (int j = 0; j < outputs.length; j++) assertEquals(outputs[j], served[j], 1e-5, "output " + j);
    }

    private static boolean until(BooleanSupplier condition, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = (float) array.get(i).asDouble();
        return values;
    }

    @Test
    void testImagesMistakesWeightsAndSlopeAnswer() throws Exception {
        JsonNode mistakes = getJson("/api/tests?filter=mistakes&limit=5");
        assertEquals(100, mistakes.get("count").asInt());
        assertTrue(mistakes.get("wrong").asInt() > 0, "the made-up test set has mislabelled images");
        for (JsonNode item : mistakes.get("items")) {
            assertTrue(item.get("label").asInt() != item.get("predicted").asInt(), item.toString());
            assertEquals(784, Base64.getDecoder().decode(item.get("pixels").asText()).length);
        }
        JsonNode one = getJson("/api/tests/" + mistakes.get("items").get(0).get("index").asInt());
        assertEquals(mistakes.get("items").get(0).get("predicted").asInt(), one.get("digit").asInt());
        assertEquals(8, getJson("/api/weights").get("weights").size());
        assertEquals(2, getJson("/api/metrics").get("rows").size());
        // A live page asks only for the rows it has not seen; past the end means the file was replaced.
        JsonNode newer = getJson("/api/metrics?from=1");
        assertEquals(1, newer.get("rows").size());
        assertEquals(1, newer.get("from").asInt());
        assertEquals(2, newer.get("count").asInt());
        assertEquals(2.0, newer.get("rows").get(0).get("epoch").asDouble(), newer.toString());
        assertEquals(0, getJson("/api/metrics?from=2").get("rows").size());
        JsonNode again = getJson("/api/metrics?from=5");
        assertEquals(0, again.get("from").asInt());
        assertEquals(2, again.get("rows").size());

        HttpResponse<String> r = post("/api/slope", "application/json",
                "{\"param\": \"layer2.b[3]\", \"from\": -4, \"to\": 4, \"steps\": 8, \"rate\": 1}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode slope = JSON.readTree(r.body());
        assertEquals(9, slope.get("curve").size());
        JsonNode descent = slope.get("descent");
        assertTrue(descent.size() >= 2, r.body());
        assertTrue(descent.get(descent.size() - 1).get("cost").asDouble() < descent.get(0).get("cost").asDouble(),
                "descent goes down: " + r.body());
    }

    @Test
    void aRunFoldersNewFilesReachAnOpenEventStream() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        try (ServeServer watching = ServeCommand.start(live, "127.0.0.1", 0, new PluginOptions(), data, null,
                new PrintWriter(new StringWriter()))) {
            JsonNode before = JSON.readTree(HTTP.send(HttpRequest.newBuilder(watching.address().resolve("/api/model"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(before.get("waiting").asBoolean(), before.toString());
            List<String> events = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(
                            watching.address().resolve("/api/events")).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null; ) events.add(line);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server stopped
                }
            });
            assertTrue(until(() -> events.stream().anyMatch(l -> l.startsWith("data:")), 10), "the first event");
            // As the trainer does: each file written elsewhere, then renamed into the folder.
            for (String name : List.of(RunFolder.METRICS, RunFolder.MODEL)) {
                Path temp = live.resolve("." + name + ".tmp");
                Files.copy(run.resolve(name), temp);
                Files.move(temp, live.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            assertTrue(until(() -> events.stream().anyMatch(l -> l.contains("\"epochs\":2") && l.contains(
                    "\"model\":true")), 10), "an update with the two epochs and the network: " + events);
            JsonNode after = JSON.readTree(HTTP.send(HttpRequest.newBuilder(watching.address().resolve("/api/model"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("model.safetensors", after.get("source").asText());
            watching.close();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(reader.isAlive(), "closing the server ends the event stream");
        }
    }

    @Test
    void aSecondServerOnThePortGetsOneLineNamingIt() {
        int port = address.getPort();
        Cli.Result r = Cli.run("serve", run.toString(), "--port", Integer.toString(port));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(List.of("descent: port " + port + " on 127.0.0.1 is in use (another descent serve?); choose"
                + " another port"), r.err().strip().lines().toList());
    }

    @Test
    void sigtermStopsTheServerAndFreesThePort() throws Exception {
        try (ServeProcess serve = new ServeProcess("serve", run.toString(), "--port", "0", "--data", data.toString())) {
            URI at = serve.awaitAddress("serving", 120);
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(at.resolve("/api/model")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            int code = serve.terminate();
            assertEquals(0, code, serve.output());
            assertTrue(serve.output().contains("descent: server stopped"), code + ": " + serve.output());
            try (ServerSocket again = new ServerSocket(at.getPort())) {
                assertEquals(at.getPort(), again.getLocalPort());
            }
        }
    }

    @Test
    void anotherHostIsServedWithAWarning() throws Exception {
        StringWriter err = new StringWriter();
        try (ServeServer open = ServeCommand.start(run, "0.0.0.0", 0, new PluginOptions(), data, null,
                new PrintWriter(err, true))) {
            assertTrue(err.toString().startsWith("descent: warning: --host 0.0.0.0 makes the page reachable from other"
                    + " machines"), err.toString());
            assertTrue(open.address().getPort() > 0);
        }
    }
}
