package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.serve.ServeServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent serve} for models of a user's own data: what {@code /api/model} says a model reads, a CSV
 * row through {@code /api/features} and a PNG through {@code /api/picture} giving exactly the outputs {@code
 * descent predict} prints for them, the run's test rows and pictures in the picker, and the bad bodies of
 * both endpoints (400 with the reason, 409, 413, 415).
 */
class ServeOwnDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path flowersRun;
    static Path areasRun;
    static Path colourRun;
    static ServeServer flowers;
    static ServeServer areas;
    static ServeServer colours;

    @BeforeAll
    static void trainAndServe() throws IOException {
        flowersRun = train(writeFlowers(dir.resolve("flowers")), dir.resolve("flowers-run"));
        areasRun = train(writeAreas(dir.resolve("areas")), dir.resolve("areas-run"));
        colourRun = train(writeColours(dir.resolve("colours")), dir.resolve("colours-run"));
        flowers = serve(flowersRun);
        areas = serve(areasRun);
        colours = serve(colourRun);
    }

    @AfterAll
    static void stop() {
        for (ServeServer s : new ServeServer[] {flowers, areas, colours}) if (s != null) s.close();
    }

    static Path train(Path config, Path run) {
        Cli.Result r = Cli.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return run;
    }

    private static ServeServer serve(Path run) {
        return ServeCommand.start(run, "127.0.0.1", 0, new PluginOptions(), null, null,
                new PrintWriter(new StringWriter()));
    }

    /** 300 made-up flowers of three kinds, told apart by three measurements on different scales. */
    static Path writeFlowers(Path folder) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder rows = new StringBuilder("petal,stem,weight,kind\n");
        String[] kinds = {"daisy", "iris", "tulip"};
        for (int i = 0; i < 300; i++) {
            int k = i % 3;
            rows.append(String.format(Locale.ROOT, "%.2f,%.1f,%.0f,%s%n", 1 + k + random.nextGaussian() * 0.4,
                    20 + 5 * k + random.nextGaussian() * 3, 100 + 30 * (2 - k) + random.nextGaussian() * 20,
                    kinds[k]));
        }
        Files.writeString(folder.resolve("flowers.csv"), rows);
        return Files.writeString(folder.resolve("flowers.yaml"), """
                seed: 2
                data: {format: csv, train: flowers.csv, label: kind, normalize: standard}
                network: {layers: [auto, 8, auto]}
                cost: softmax-cross-entropy
                training: {epochs: 8, batch-size: 10, learning-rate: 0.5}
                """);
    }

    /** A regression: a rectangle's area from its sides, in square metres. */
    static Path writeAreas(Path folder) throws IOException {
        AreasTable.write(folder.resolve("areas.csv"), 200);
        return Files.writeString(folder.resolve("areas.yaml"), """
                seed: 4
                task: regression
                data: {format: csv, train: areas.csv}
                network: {layers: [auto, 12, auto], activation: tanh}
                training: {epochs: 4, learning-rate: 0.01, optimizer: adam}
                """);
    }

    /** Picture folders of reddish and bluish 16x12 noise, for a model of 8x6 RGB inputs. */
    static Path writeColours(Path folder) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (String split : List.of("train", "test")) {
            for (int i = 0; i < (split.equals("train") ? 24 : 6); i++) {
                colourPicture(folder.resolve(split + "/red/" + i + ".png"), 16, 12, true, random);
                colourPicture(folder.resolve(split + "/blue/" + i + ".png"), 16, 12, false, random);
            }
        }
        return Files.writeString(folder.resolve("colours.yaml"), """
                seed: 3
                data: {format: images, train: train, test: test, image: {width: 8, height: 6, channels: 3}}
                network: {layers: [auto, 6, auto]}
                cost: softmax-cross-entropy
                training: {epochs: 6, batch-size: 8, learning-rate: 0.5}
                """);
    }

    static void colourPicture(Path file, int width, int height, boolean red, SplittableRandom random)
            throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int strong = 150 + random.nextInt(100);
                int weak = random.nextInt(90);
                int g = random.nextInt(120);
                image.setRGB(x, y, red ? strong << 16 | g << 8 | weak : weak << 16 | g << 8 | strong);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    static HttpResponse<String> post(ServeServer server, String path, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.address().resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(ServeServer server, String path, String body) throws Exception {
        return post(server, path, "application/json", body.getBytes());
    }

    static JsonNode getJson(ServeServer server, String path) throws Exception {
        URI at = server.address().resolve(path);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<Float> floats(JsonNode array) {
        List<Float> values = new ArrayList<>();
        for (JsonNode v : array) values.add((float) v.asDouble());
        return values;
    }

    private static List<Float> floats(String... cells) {
        List<Float> values = new ArrayList<>();
        for (String c : cells) values.add(Float.parseFloat(c));
        return values;
    }

    @Test
    void theModelSaysWhatItReads() throws Exception {
        JsonNode table = getJson(flowers, "/api/model");
        assertEquals("features", table.get("input").asText());
        assertEquals("classification", table.get("task").asText());
        assertEquals(List.of("petal", "stem", "weight"), JSON.convertValue(table.get("features"), List.class));
        assertEquals(List.of("daisy", "iris", "tulip"), JSON.convertValue(table.get("classes"), List.class));
        assertTrue(table.get("image").isNull(), table.toString());
        double stem = table.get("typical").get(1).asDouble();
        assertTrue(stem > 20 && stem < 30, "the training mean of stem: " + stem);

        JsonNode regression = getJson(areas, "/api/model");
        assertEquals("regression", regression.get("task").asText());
        assertEquals(List.of("area"), JSON.convertValue(regression.get("targets"), List.class));

        JsonNode pictures = getJson(colours, "/api/model");
        assertEquals("picture", pictures.get("input").asText());
        assertEquals(8, pictures.get("image").get("width").asInt());
        assertEquals(6, pictures.get("image").get("height").asInt());
        assertEquals(3, pictures.get("image").get("channels").asInt());
        assertEquals(List.of("blue", "red"), JSON.convertValue(pictures.get("classes"), List.class));
    }

    @Test
    void aCsvRowGetsTheOutputsPredictPrintsForIt() throws Exception {
        Path input = Files.writeString(dir.resolve("one-flower.csv"), "petal,stem,weight\n2.15,24.5,131\n");
        Cli.Result predicted = Cli.run("predict", flowersRun.toString(), input.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        String[] row = predicted.out().lines().toList().get(1).split(",");

        HttpResponse<String> r = postJson(flowers, "/api/features", "{\"values\": [2.15, 24.5, 131]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode view = JSON.readTree(r.body());
        assertEquals(row[0], view.get("predictedName").asText());
        assertEquals(floats(row[1], row[2], row[3]), floats(view.get("outputs")), "the same bits as predict");
        assertEquals(3, view.get("layers").size());
        assertEquals(3, view.get("layers").get(0).size());

        Path sides = Files.writeString(dir.resolve("sides.csv"), "width,height\n3.5,6.25\n");
        Cli.Result area = Cli.run("predict", areasRun.toString(), sides.toString());
        assertEquals(0, area.exitCode(), area.err());
        JsonNode regression = JSON.readTree(postJson(areas, "/api/features", "{\"values\": [3.5, 6.25]}").body());
        assertEquals(floats(area.out().lines().toList().get(1)), floats(regression.get("outputs")),
                "a regression's output in the target's units, as predict prints it");
    }

    @Test
    void anUploadedPngGetsTheOutputsPredictPrintsForIt() throws Exception {
        Path png = dir.resolve("upload.png");
        colourPicture(png, 21, 17, true, new SplittableRandom(1));
        Cli.Result predicted = Cli.run("predict", colourRun.toString(), png.toString(), "--json");
        assertEquals(0, predicted.exitCode(), predicted.err());
        JsonNode answer = JSON.readTree(predicted.out()).get(0);

        HttpResponse<String> r = post(colours, "/api/picture", "image/png", Files.readAllBytes(png));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode view = JSON.readTree(r.body());
        assertEquals(answer.get("class").asText(), view.get("predictedName").asText());
        assertEquals(floats(answer.get("outputs")), floats(view.get("outputs")), "the same bits as predict");
        assertEquals(8 * 6 * 3, view.get("layers").get(0).size(), "the 8x6 RGB input");
    }

    @Test
    void testRowsShowTheirValuesAndTestPicturesTheirPixels() throws Exception {
        JsonNode rows = getJson(flowers, "/api/tests?filter=all&limit=5");
        assertEquals(60, rows.get("count").asInt(), "a fifth of 300 rows held out");
        JsonNode first = rows.get("items").get(0);
        assertEquals(3, first.get("values").size(), first.toString());
        assertTrue(first.get("labelName").asText().matches("daisy|iris|tulip"), first.toString());
        JsonNode one = getJson(flowers, "/api/tests/0");
        assertEquals(floats(first.get("values")), floats(one.get("values")));
        // A test row's values typed into the form give the row's answer (the values are the row's cells).
        JsonNode typed = JSON.readTree(postJson(flowers, "/api/features", "{\"values\": " + one.get("values")
                + "}").body());
        assertEquals(one.get("predictedName").asText(), typed.get("predictedName").asText());

        JsonNode mistakes = getJson(areas, "/api/tests?filter=mistakes&limit=3");
        double[] errors = new double[3];
        for (int i = 0; i < 3; i++) errors[i] = mistakes.get("items").get(i).get("error").asDouble();
        assertTrue(errors[0] >= errors[1] && errors[1] >= errors[2], "largest errors first: " + mistakes);
        assertEquals(1, mistakes.get("items").get(0).get("actual").size());

        JsonNode pictures = getJson(colours, "/api/tests?filter=all&limit=2");
        assertEquals(8, pictures.get("width").asInt());
        assertEquals(3, pictures.get("channels").asInt());
        byte[] pixels = Base64.getDecoder().decode(pictures.get("items").get(0).get("pixels").asText());
        assertEquals(8 * 6 * 3, pixels.length);
    }

    @Test
    void aWrongFeatureCountOrValueIs400WithTheReason() throws Exception {
        String[][] bad = {
            {"{\"values\": [1, 2]}", "values: 2 numbers for a model of 3 features (petal, stem, weight)"},
            {"{\"values\": [1, 2, 3, 4]}", "values: 4 numbers for a model of 3 features"},
            {"{\"values\": \"1,2,3\"}", "values: expected an array of 3 numbers"},
            {"{}", "values: expected an array of 3 numbers"},
            {"{\"values\": [1, \"x\", 3]}", "values[1] (stem): expected a finite number, got"},
            {"{\"values\": [1, 2, 1e300]}", "values[2] (weight): expected a finite number"},
            {"{\"values\": [1, 2", "malformed JSON"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = postJson(flowers, "/api/features", b[0]);
            assertEquals(400, r.statusCode(), b[0] + " -> " + r.body());
            assertTrue(r.body().contains(b[1]), b[0] + " -> " + r.body());
        }
        assertEquals(409, postJson(colours, "/api/features", "{\"values\": [1]}").statusCode(),
                "a picture model takes no features");
        assertEquals(415, post(flowers, "/api/features", "text/plain", "{}".getBytes()).statusCode());
    }

    @Test
    void badUploadsAre400413Or415() throws Exception {
        HttpResponse<String> text = post(colours, "/api/picture", "image/png", "not a picture".getBytes());
        assertEquals(400, text.statusCode(), text.body());
        assertTrue(text.body().contains("the uploaded picture is not a picture"), text.body());
        HttpResponse<String> empty = post(colours, "/api/picture", "image/png", new byte[0]);
        assertEquals(400, empty.statusCode(), empty.body());
        HttpResponse<String> huge = post(colours, "/api/picture", "image/png", hugePng());
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("100000x100000 pixels by its header"), huge.body());
        HttpResponse<String> large = post(colours, "/api/picture", "application/octet-stream",
                new byte[ServeServer.MAX_BODY + 1]);
        assertEquals(413, large.statusCode(), large.body());
        assertEquals(415, post(colours, "/api/picture", "multipart/form-data; boundary=x", new byte[10]).statusCode(),
                "a cross-site form cannot upload");
        assertEquals(409, post(flowers, "/api/picture", "image/png", new byte[10]).statusCode(),
                "a model of a table takes no pictures");
    }

    /** A PNG signature and an IHDR chunk claiming 100,000 x 100,000 pixels, then nothing. */
    private static byte[] hugePng() {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(100_000).putInt(100_000)
                .put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
