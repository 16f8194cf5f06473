package dev.descent.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.descent.DescentException;
import dev.descent.data.DataDescription;
import dev.descent.data.Dataset;
import dev.descent.data.TrainTest;
import dev.descent.data.images.ImageSize;
import dev.descent.data.samples.Task;
import dev.descent.image.DigitPreprocessor;
import dev.descent.image.GrayImage;
import dev.descent.kernel.KernelProvider;
import dev.descent.network.Network;
import dev.descent.slope.ParameterRef;
import dev.descent.slope.SlopeProbe;
import dev.descent.training.Batches;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code descent serve} server: the page's three files from the jar and the JSON endpoints below,
 * on the JDK's {@code com.sun.net.httpserver} with a virtual thread per exchange.
 *
 * <pre>
 * GET  /  /app.js  /style.css   the page (strict Content-Security-Policy: scripts and styles from here only)
 * GET  /api/model               layers, activation, cost, where the network was read from, run status, and
 *                               what the model reads: task, input kind, feature, class or target names, image size
 * POST /api/predict             {width, height, pixels: base64 grey bytes} -> input, every layer, digit
 * POST /api/features            {values: [one number per feature]} -> the same view, for a model of a table
 * POST /api/picture             a picture file's bytes (image/*) -> the same view, for a model of picture folders
 * GET  /api/tests?filter=mistakes&amp;limit=N   test images with label and prediction
 * GET  /api/tests/{i}           one test image through the network
 * GET  /api/metrics?from=N      metrics.csv's rows from row N (all without it; all again if the file has
 *                               fewer rows): a page that has the first N rows fetches only the new ones
 * GET  /api/weights             the first layer's weights, a row per neuron
 * POST /api/slope               {param, from, to, steps, rate} -> cost curve, slopes and the descent
 * GET  /api/events              Server-Sent Events: "update" after each new epoch or network
 * </pre>
 *
 * No request names a file: the server reads fixed names in one run folder and its own assets. Anything
 * else is 404; bodies over {@link #MAX_BODY} bytes are 413, malformed ones 400. When bound to a loopback
 * address, requests must name it in their Host header (a page elsewhere cannot reach the server through
 * a DNS name that points at 127.0.0.1), and POSTs must be JSON, which a cross-site form cannot send.
 */
public final class ServeServer implements AutoCloseable {
    /** The largest request body accepted: a 560x560 drawing as base64, with room to spare; also an upload's. */
    public static final int MAX_BODY = 512 * 1024;
    /** A refused body up to this size is read to its end, so that its sender receives the 413. */
    private static final long MAX_DRAINED = 16L * MAX_BODY;
    /** The largest drawing side accepted, in pixels. */
    public static final int MAX_SIDE = 560;
    static final int MAX_TESTS = 200;
    static final int MAX_SLOPE_STEPS = 200;
    static final int MAX_DESCENT_STEPS = 500;
    /** Images the slope view averages the cost over: the first of the training set. */
    static final int SLOPE_SAMPLES = 500;
    /** How often the run folder is looked at: a few file attributes, so cheap enough for any run. */
    static final long POLL_MILLIS = 500;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
    private static final Pattern TEST_IMAGE = Pattern.compile("/api/tests/(\\d{1,9})");
    /** Fractions are read as their exact decimals, so that a feature value rounds to float only once. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The data set of a model, loaded when the page first asks for test images or a slope. */
    @FunctionalInterface
    public interface DataSource {
        TrainTest load(LoadedModel model);
    }

    private final HttpServer server;
    private final RunWatcher watcher;
    private final DataSource dataSource;
    private final EventStream events = new EventStream();
    private final ScheduledExecutorService poller;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, byte[]> assets = new LinkedHashMap<>();
    private final Set<String> allowedHosts;
    private final Semaphore slopeRunning = new Semaphore(1);
    private final URI address;
    private TrainTest data;
    private TestAnswers predictions;
    private long predictionsVersion = -1;

    private ServeServer(HttpServer server, RunWatcher watcher, DataSource dataSource, boolean loopback) {
        this.server = server;
        this.watcher = watcher;
        this.dataSource = dataSource;
        InetSocketAddress bound = server.getAddress();
        int port = bound.getPort();
        String host = bound.getAddress().getHostAddress();
        this.address = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
        this.allowedHosts = loopback ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port) : null;
        for (String[] asset : ASSETS.values()) assets.computeIfAbsent(asset[0], ServeServer::resource);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "descent-serve-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and serves {@code target}, a run folder or a model
     * file. A port in use, an unknown host or a model that cannot be read is a DescentException.
     */
    public static ServeServer start(String host, int port, Path target, LoadedModel.Loader loader, DataSource data) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DescentException("--host " + host + " is not an address of this machine: " + e.getMessage());
        }
        RunWatcher watcher = new RunWatcher(target, loader);
        watcher.poll();   // a model file that cannot be read fails here, before the port is taken
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new DescentException("port " + port + " on " + host + " is in use (another descent serve?); choose"
                    + " another port");
        } catch (IOException e) {
            throw new DescentException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        ServeServer serve = new ServeServer(http, watcher, data, address.isLoopbackAddress());
        watcher.onUpdate(update -> serve.events.publish("update", serve.json(update)));
        http.createContext("/", serve::handle);
        http.setExecutor(serve.handlers);
        http.start();
        serve.poller.scheduleWithFixedDelay(serve::pollQuietly, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return serve;
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI address() {
        return address;
    }

    /** Ends the event streams, stops accepting requests and waits up to a second for those in flight. */
    @Override
    public void close() {
        poller.shutdownNow();
        events.close();
        server.stop(1);
        handlers.shutdownNow();
    }

    private void pollQuietly() {
        try {
            watcher.poll();
        } catch (RuntimeException e) {
            // A run folder between files; the next poll looks again.
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", CSP);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            try {
                route(exchange);
            } catch (HttpError e) {
                // An unread body of a refused request is not worth draining: close the connection instead.
                if (e.status == 413) headers.set("Connection", "close");
                send(exchange, e.status, "application/json", json(Map.of("error", e.getMessage())));
            } catch (DescentException e) {
                send(exchange, 422, "application/json", json(Map.of("error", e.getMessage())));
            } catch (RuntimeException e) {
                send(exchange, 500, "application/json", json(Map.of("error", "internal error: " + e)));
            }
        } catch (IOException e) {
            // The page went away mid-answer; nothing to tell it.
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (allowedHosts != null && (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT)))) {
            throw new HttpError(403, "unexpected Host header " + host + "; open " + address);
        }
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String[] asset = ASSETS.get(path);
        if (asset != null) {
            requireMethod(method, "GET");
            send(exchange, 200, asset[1], assets.get(asset[0]));
            return;
        }
        Matcher test = TEST_IMAGE.matcher(path);
        if (test.matches()) {
            requireMethod(method, "GET");
            sendJson(exchange, testImage(Integer.parseInt(test.group(1))));
            return;
        }
        switch (path) {
            case "/api/model" -> {
                requireMethod(method, "GET");
                sendJson(exchange, model());
            }
            case "/api/predict" -> sendJson(exchange, predict(body(exchange)));
            case "/api/features" -> sendJson(exchange, features(body(exchange)));
            case "/api/picture" -> sendJson(exchange, picture(upload(exchange)));
            case "/api/tests" -> {
                requireMethod(method, "GET");
                sendJson(exchange, tests(query(exchange)));
            }
            case "/api/metrics" -> {
                requireMethod(method, "GET");
                sendJson(exchange, metrics(query(exchange)));
            }
            case "/api/weights" -> {
                requireMethod(method, "GET");
                sendJson(exchange, weights());
            }
            case "/api/slope" -> sendJson(exchange, slope(body(exchange)));
            case "/api/events" -> {
                requireMethod(method, "GET");
                RunWatcher.Snapshot s = watcher.snapshot();
                RunWatcher.Update now = new RunWatcher.Update(watcher.metrics().size(), s != null, watcher.status());
                events.serve(exchange, "event: update\ndata: " + json(now) + "\n\n");
            }
            default -> throw new HttpError(404, "no such page: " + path);
        }
    }

    private Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", watcher.status());
        m.put("epochs", watcher.metrics().size());
        RunWatcher.Snapshot s = watcher.snapshot();
        m.put("error", watcher.loadError());
        if (s == null) {
            m.put("waiting", true);
            return m;
        }
        LoadedModel loaded = s.inspector().model();
        Network network = loaded.network();
        m.put("source", s.source());
        m.put("version", s.version());
        m.put("sizes", network.sizes());
        m.put("activation", network.activation().configName());
        m.put("cost", loaded.metadata().getOrDefault("cost", ""));
        m.put("dataset", loaded.metadata().getOrDefault("dataset", ""));
        DataDescription d = description(loaded);
        m.put("drawable", drawable(d, network));
        m.put("input", switch (d.inputKind()) {
            case FEATURES -> "features";
            case PICTURE -> "picture";
            case DIGIT -> drawable(d, network) ? "drawing" : "none";
        });
        m.put("task", d.task().id());
        m.put("features", d.featureNames());
        m.put("typical", d.image() == null ? d.scaling().typical() : null);
        m.put("classes", d.classNames());
        m.put("targets", d.targetNames());
        ImageSize image = d.image();
        m.put("image", image == null ? null
                : Map.of("width", image.width(), "height", image.height(), "channels", image.channels()));
        m.put("maxUpload", MAX_BODY);
        return m;
    }

    /** True when {@code descent predict} makes a picture into this network's input as a 28x28 digit. */
    private static boolean drawable(DataDescription d, Network network) {
        return d.inputKind() == DataDescription.InputKind.DIGIT
                && network.size(0) == DigitPreprocessor.FIELD * DigitPreprocessor.FIELD;
    }

    /** What the model file records about its data; a file that records nothing is of a built-in set. */
    private static DataDescription description(LoadedModel model) {
        return DataDescription.fromMetadata(model.file().toString(), model.metadata());
    }

    private RunWatcher.Snapshot current() {
        RunWatcher.Snapshot s = watcher.snapshot();
        if (s == null) {
            String why = watcher.loadError();
            throw new HttpError(503, why != null ? why : "no network yet: the run has not finished its first epoch");
        }
        return s;
    }

    /** The drawing, prepared exactly as {@code descent predict} prepares a picture's luminance. */
    private Map<String, Object> predict(JsonNode body) {
        int width = integer(body, "width", 1, MAX_SIDE);
        int height = integer(body, "height", 1, MAX_SIDE);
        JsonNode encoded = body.get("pixels");
        if (encoded == null || !encoded.isTextual()) throw new HttpError(400, "pixels: expected a base64 string");
        byte[] grey;
        try {
            grey = Base64.getDecoder().decode(encoded.asText());
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "pixels: not base64 (" + e.getMessage() + ")");
        }
        if (grey.length != width * height) {
            throw new HttpError(400, "pixels: " + grey.length + " bytes for a " + width + "x" + height + " drawing");
        }
        RunWatcher.Snapshot s = current();
        if (!drawable(description(s.inspector().model()), s.inspector().model().network())) {
            throw new HttpError(409, "this model takes " + s.inspector().model().network().size(0) + " inputs of "
                    + description(s.inspector().model()) + ", not a 28x28 drawing");
        }
        float[] luminance = new float[grey.length];
        for (int i = 0; i < grey.length; i++) luminance[i] = (grey[i] & 0xff) / 255f;
        GrayImage drawing = new GrayImage(width, height, luminance);
        DigitPreprocessor.Digit digit = DigitPreprocessor.prepare(drawing, "the drawing");
        return view(s, digit.pixels());
    }

    /**
     * One row of a table's features, as the user would write it in a CSV file: prepared with the model's
     * recorded normalisation by the code {@code descent predict} runs on each row of a CSV file.
     */
    private Map<String, Object> features(JsonNode body) {
        RunWatcher.Snapshot s = current();
        DataDescription d = description(s.inspector().model());
        if (d.inputKind() != DataDescription.InputKind.FEATURES) {
            throw new HttpError(409, "this model reads " + d + ", not a table's features");
        }
        JsonNode values = body.get("values");
        List<String> names = d.featureNames();
        if (values == null || !values.isArray()) {
            throw new HttpError(400, "values: expected an array of " + names.size() + " numbers, one per feature ("
                    + String.join(", ", names) + ")");
        }
        if (values.size() != names.size()) {
            throw new HttpError(400, "values: " + values.size() + " numbers for a model of " + names.size()
                    + " features (" + String.join(", ", names) + ")");
        }
        float[] raw = new float[names.size()];
        for (int j = 0; j < raw.length; j++) {
            JsonNode v = values.get(j);
            // The number's text parsed as the CSV reader parses a cell (Float.parseFloat's rounding, once).
            float f = v.isNumber() ? Float.parseFloat(v.asText()) : Float.NaN;
            if (!Float.isFinite(f)) {
                throw new HttpError(400, "values[" + j + "] (" + names.get(j) + "): expected a finite number, got "
                        + v);
            }
            raw[j] = f;
        }
        float[] input = new float[raw.length];
        d.prepareInput(raw, 0, input, 0);
        Map<String, Object> m = view(s, input);
        m.put("values", raw);
        return m;
    }

    /**
     * An uploaded picture file, read as {@code descent predict} reads a picture for this model (scaled to its
     * {@code data.image}, then its normalisation), by the same code. A body that is not a picture, or whose
     * header claims a huge size, is 400.
     */
    private Map<String, Object> picture(byte[] bytes) {
        RunWatcher.Snapshot s = current();
        DataDescription d = description(s.inspector().model());
        if (d.inputKind() != DataDescription.InputKind.PICTURE) {
            throw new HttpError(409, "this model reads " + d + "; pictures are uploaded for models of picture"
                    + " folders" + (d.inputKind() == DataDescription.InputKind.DIGIT ? " (draw the digit instead)"
                    : ""));
        }
        if (bytes.length == 0) throw new HttpError(400, "the upload is empty; send a picture file's bytes");
        float[] input = new float[d.inputSize()];
        try {
            d.preparePicture(bytes, "the uploaded picture", input, 0);
        } catch (DescentException e) {
            throw new HttpError(400, e.getMessage());
        }
        return view(s, input);
    }

    private Map<String, Object> view(RunWatcher.Snapshot s, float[] input) {
        Inspector.View view = s.inspector().look(input);
        DataDescription d = description(s.inspector().model());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("layers", view.layers());
        m.put("digit", view.predicted());
        if (d.task() == Task.REGRESSION) {
            // The outputs as predict prints them: mapped back to the targets' own units.
            float[] out = view.layers().getLast().clone();
            d.toTargetUnits(out, 0);
            m.put("outputs", out);
            m.put("predictedName", null);
        } else {
            m.put("outputs", view.layers().getLast());
            m.put("predictedName", d.classNames().get(view.predicted()));
        }
        return m;
    }

    private synchronized TrainTest data(LoadedModel model) {
        if (data == null) data = dataSource.load(model);
        return data;
    }

    /** The test set's predictions by the current network, computed once per network. */
    private synchronized TestAnswers predictions(RunWatcher.Snapshot s, Dataset test) {
        if (predictionsVersion != s.version()) {
            predictions = TestAnswers.of(s.inspector().model(), test);
            predictionsVersion = s.version();
        }
        return predictions;
    }

    /**
     * The rows of metrics.csv from row {@code from}, so that a live page asks for the epochs it has not seen:
     * a run of thousands of epochs would otherwise send them all after each one. {@code from} in the answer is
     * where its rows start: 0 when the file no longer has the rows the page asked past (a run started again).
     */
    private Map<String, Object> metrics(Map<String, String> query) {
        List<Map<String, Double>> rows = watcher.metrics();
        int from = parse(query, "from", 0, 0, Integer.MAX_VALUE);
        if (from > rows.size()) from = 0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", watcher.status());
        m.put("count", rows.size());
        m.put("from", from);
        m.put("rows", rows.subList(from, rows.size()));
        m.put("error", watcher.metricsError());
        return m;
    }

    private Map<String, Object> tests(Map<String, String> query) {
        RunWatcher.Snapshot s = current();
        Dataset test = data(s.inspector().model()).test();
        test.requireImageSize(s.inspector().model().network().size(0), "the network's input layer");
        String filter = query.getOrDefault("filter", "all");
        if (!filter.equals("all") && !filter.equals("mistakes")) {
            throw new HttpError(400, "filter: '" + filter + "' is not all or mistakes");
        }
        int limit = parse(query, "limit", 60, 1, MAX_TESTS);
        TestAnswers p = predictions(s, test);
        List<Integer> picked = new ArrayList<>();
        if (filter.equals("mistakes")) {
            picked.addAll(p.mistakes(limit));
        } else {
            for (int i = 0; i < Math.min(limit, test.count()); i++) picked.add(i);
        }
        DataDescription d = test.description();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i : picked) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            answer(item, p, test, i);
            if (d.image() == null) item.put("values", rawInputs(test, i));
            else item.put("pixels", Base64.getEncoder().encodeToString(pixelBytes(test, i)));
            items.add(item);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("count", test.count());
        m.put("wrong", p.wrong());
        m.put("task", d.task().id());
        m.put("side", test.cols());
        m.put("width", d.image() != null ? d.image().width() : 0);
        m.put("height", d.image() != null ? d.image().height() : 0);
        m.put("channels", d.image() != null ? d.image().channels() : 0);
        m.put("items", items);
        return m;
    }

    /** The label and the network's answer for test sample {@code i}: class indices and names, or target values. */
    private static void answer(Map<String, Object> item, TestAnswers p, Dataset test, int i) {
        if (p.regression()) {
            item.put("actual", p.actualValues(i));
            item.put("predictedValues", p.predictedValues(i));
            item.put("error", p.error(i));
            return;
        }
        List<String> names = test.classNames();
        item.put("label", test.label(i));
        item.put("predicted", p.predictedClass(i));
        item.put("labelName", names.get(test.label(i)));
        item.put("predictedName", names.get(p.predictedClass(i)));
        item.put("confidence", p.confidence(i));
    }

    /** Test sample {@code i}'s network input, as eval feeds it: a pixel byte times PIXEL_SCALE, or the stored float. */
    private static float[] networkInput(Dataset test, int i) {
        int size = test.imageSize();
        float[] input = new float[size];
        if (test.hasPixels()) {
            for (int p = 0; p < size; p++) input[p] = (test.pixels()[i * size + p] & 0xff) * Batches.PIXEL_SCALE;
        } else {
            System.arraycopy(test.features(), i * size, input, 0, size);
        }
        return input;
    }

    /** Test sample {@code i} as the user's data held it: a table's cells, a picture's grey values in [0, 1]. */
    private static float[] rawInputs(Dataset test, int i) {
        float[] raw = networkInput(test, i);
        if (!test.hasPixels()) test.description().scaling().invertInPlace(raw, 0);
        return raw;
    }

    /** A picture sample's 8-bit values, row by row, channels interleaved: for showing it. */
    private static byte[] pixelBytes(Dataset test, int i) {
        int size = test.imageSize();
        if (test.hasPixels()) return Arrays.copyOfRange(test.pixels(), i * size, (i + 1) * size);
        float[] raw = rawInputs(test, i);
        byte[] bytes = new byte[size];
        for (int p = 0; p < size; p++) bytes[p] = (byte) Math.round(Math.clamp(raw[p], 0f, 1f) * 255);
        return bytes;
    }

    private Map<String, Object> testImage(int index) {
        RunWatcher.Snapshot s = current();
        Dataset test = data(s.inspector().model()).test();
        test.requireImageSize(s.inspector().model().network().size(0), "the network's input layer");
        if (index >= test.count()) throw new HttpError(404, "no test image " + index + "; there are " + test.count());
        Map<String, Object> m = view(s, networkInput(test, index));
        m.put("index", index);
        answer(m, predictions(s, test), test, index);
        if (test.description().image() == null) m.put("values", rawInputs(test, index));
        return m;
    }

    private Map<String, Object> weights() {
        RunWatcher.Snapshot s = current();
        Network network = s.inspector().model().network();
        int inputs = network.size(0);
        int neurons = network.size(1);
        float[] all = network.neuronMajorWeights(1);
        List<float[]> rows = new ArrayList<>();
        for (int j = 0; j < neurons; j++) rows.add(Arrays.copyOfRange(all, j * inputs, (j + 1) * inputs));
        // A neuron's weights are drawn as an image when its inputs are one grey picture's pixels.
        ImageSize image = description(s.inspector().model()).image();
        boolean grey = image != null && image.channels() == 1 && image.inputs() == inputs;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("side", grey && image.width() == image.height() ? image.width() : 0);
        m.put("width", grey ? image.width() : 0);
        m.put("height", grey ? image.height() : 0);
        m.put("weights", rows);
        return m;
    }

    /** The slope view of one parameter on a copy of the network (the page's network stays as it is). */
    private Map<String, Object> slope(JsonNode body) {
        RunWatcher.Snapshot s = current();
        LoadedModel model = s.inspector().model();
        JsonNode param = body.get("param");
        if (param == null || !param.isTextual()) {
            throw new HttpError(400, "param: expected a name like layer1.w[3,400]");
        }
        ParameterRef ref;
        try {
            ref = ParameterRef.parse(param.asText(), model.network().sizes());
        } catch (DescentException e) {
            throw new HttpError(400, e.getMessage().replace("--param", "param"));
        }
        double from = number(body, "from");
        double to = number(body, "to");
        if (!(from < to) || Math.abs(from) > 1e4 || Math.abs(to) > 1e4) {
            throw new HttpError(400, "from and to: expected from < to within [-10000, 10000]");
        }
        int steps = integer(body, "steps", 1, MAX_SLOPE_STEPS);
        double rate = number(body, "rate");
        if (!(rate > 0) || rate > 1e3) throw new HttpError(400, "rate: expected a number in (0, 1000]");
        Dataset train = data(model).train();
        train.requireImageSize(model.network().size(0), "the network's input layer");
        if (!slopeRunning.tryAcquire()) {
            throw new HttpError(429, "a slope is being computed; try again when it is done");
        }
        try {
            Network copy = model.network().copy();
            double start = ref.get(copy);
            SlopeProbe probe = new SlopeProbe(copy, KernelProvider.get(), model.cost(), train,
                    Math.min(SLOPE_SAMPLES, train.count()), ref);
            List<SlopeProbe.Point> curve = probe.curve(from, to, steps);
            SlopeProbe.Path descent = probe.descend(start, rate, 1e-4, MAX_DESCENT_STEPS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("param", ref.toString());
            m.put("describe", ref.describe());
            m.put("value", start);
            m.put("samples", probe.samples());
            m.put("curve", curve);
            m.put("descent", descent.points());
            m.put("stop", descent.stop().name().toLowerCase());
            return m;
        } finally {
            slopeRunning.release();
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) throw new HttpError(405, method + " is not allowed here; use " + expected);
    }

    /** The JSON body of a POST, at most {@link #MAX_BODY} bytes. */
    private JsonNode body(HttpExchange exchange) throws IOException {
        requireMethod(exchange.getRequestMethod(), "POST");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "expected Content-Type: application/json");
        }
        byte[] bytes = bytes(exchange);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) throw new HttpError(400, "expected a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The picture file a POST uploads, at most {@link #MAX_BODY} bytes. Its type must be {@code image/...} or
     * {@code application/octet-stream}: like JSON, neither can be sent by a cross-site form.
     */
    private byte[] upload(HttpExchange exchange) throws IOException {
        requireMethod(exchange.getRequestMethod(), "POST");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("image/") && !lower.startsWith("application/octet-stream")) {
            throw new HttpError(415, "expected a picture file's bytes with Content-Type: image/png, image/jpeg (any"
                    + " image/...) or application/octet-stream, got " + type);
        }
        return bytes(exchange);
    }

    /** A POST's body, at most {@link #MAX_BODY} bytes; more is 413. */
    private static byte[] bytes(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "Content-Length '" + length + "' is not a number");
            }
            if (declared > MAX_BODY) {
                if (declared <= MAX_DRAINED) drain(exchange);
                throw tooLarge(declared);
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            drain(exchange);
            throw tooLarge(bytes.length);
        }
        return bytes;
    }

    /**
     * Reads and drops up to {@link #MAX_DRAINED} bytes of a body that is refused: a connection closed with
     * unread bytes is reset, and the client then sees "connection reset" instead of the 413. A larger
     * body is not worth reading; its sender gets the reset.
     */
    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            long left = MAX_DRAINED;
            byte[] sink = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) left -= n;
        }
    }

    private static HttpError tooLarge(long bytes) {
        return new HttpError(413, "request body of " + bytes + "+ bytes; at most " + MAX_BODY + " are accepted");
    }

    private static int integer(JsonNode body, String key, int min, int max) {
        JsonNode n = body.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw new HttpError(400, key + ": expected a whole number in " + min + ".." + max + ", got " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode body, String key) {
        JsonNode n = body.get(key);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new HttpError(400, key + ": expected a number, got " + n);
        }
        return n.asDouble();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> m = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return m;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }

    private static int parse(Map<String, String> query, String key, int fallback, int min, int max) {
        String v = query.get(key);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpError(400, key + ": expected a whole number in " + min + ".." + max + ", got '" + v + "'");
    }

    private String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private void sendJson(HttpExchange exchange, Object value) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", json(value));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type.contains("charset") ? type : type + "; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ServeServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the jar lacks dev/descent/serve/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dev/descent/serve/" + name + " from the jar", e);
        }
    }
}
