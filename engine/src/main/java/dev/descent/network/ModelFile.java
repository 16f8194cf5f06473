package dev.descent.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import dev.descent.kernel.Activation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Models in the safetensors layout, readable by any safetensors reader:
 * <pre>
 *   u64 little-endian N | N bytes of JSON header, space-padded to a multiple of 8 | tensor data
 * </pre>
 * The header maps each tensor name to {@code {dtype: F32, shape, data_offsets: [begin, end]}} (offsets
 * relative to the data section) and {@code __metadata__} to string pairs. Layer l is stored as
 * {@code layer<l>.weight} with shape {@code [outputs, inputs]} (the usual neuron-major convention) and
 * {@code layer<l>.bias} with shape {@code [outputs]}; metadata holds {@code layers} ("784,16,16,10"),
 * {@code activation} and whatever the caller adds (version, plugin names).
 */
public final class ModelFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private ModelFile() {
    }

    /** A network read back with its metadata. */
    public record Loaded(Network network, Map<String, String> metadata) {
    }

    public static void write(Path file, Network network, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("layers", join(network.sizes()));
        meta.put("activation", network.activation().configName());
        metadata.forEach(meta::put);
        long offset = 0;
        float[][] tensors = new float[2 * (network.depth() - 1)][];
        for (int l = 1; l < network.depth(); l++) {
            float[] w = network.neuronMajorWeights(l);
            float[] b = Arrays.copyOf(network.biases(l), network.size(l));
            offset = describe(header, "layer" + l + ".weight", new int[] {network.size(l), network.size(l - 1)}, w, offset);
            offset = describe(header, "layer" + l + ".bias", new int[] {network.size(l)}, b, offset);
            tensors[2 * (l - 1)] = w;
            tensors[2 * (l - 1) + 1] = b;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            for (float[] t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t);
                out.write(data.array());
            }
        });
    }

    private static long describe(ObjectNode header, String name, int[] shape, float[] data, long offset) {
        ObjectNode t = header.putObject(name);
        t.put("dtype", "F32");
        var s = t.putArray("shape");
        for (int d : shape) s.add(d);
        long end = offset + 4L * data.length;
        t.putArray("data_offsets").add(offset).add(end);
        return end;
    }

    public static Loaded read(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size < 8) throw new DescentException(name + " is not a model file: " + size + " bytes");
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = buffer.getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new DescentException(name + " is not a model file: header length " + headerLength
                        + " does not fit the file's " + size + " bytes");
            }
            JsonNode header;
            try {
                header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new DescentException(name + " is not a model file: its header is not JSON");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : header.path("__metadata__").properties()) {
                metadata.put(e.getKey(), e.getValue().asText());
            }
            int[] sizes = parseSizes(name, metadata.get("layers"));
            Activation activation;
            try {
                activation = Activation.valueOf(metadata.getOrDefault("activation", "").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DescentException(name + ": unknown activation '" + metadata.get("activation") + "' in metadata");
            }
            Network network = new Network(sizes, activation);
            int dataStart = 8 + (int) headerLength;
            long dataLength = size - dataStart;
            for (int l = 1; l < sizes.length; l++) {
                float[] w = tensor(name, header, "layer" + l + ".weight", new int[] {sizes[l], sizes[l - 1]},
                        buffer, dataStart, dataLength);
                network.setWeights(l, w);
                float[] b = tensor(name, header, "layer" + l + ".bias", new int[] {sizes[l]}, buffer, dataStart, dataLength);
                System.arraycopy(b, 0, network.biases(l), 0, b.length);
            }
            return new Loaded(network, metadata);
        } catch (IOException e) {
            throw new DescentException("cannot read model " + name + ": " + e.getMessage());
        }
    }

    private static float[] tensor(String file, JsonNode header, String name, int[] shape, ByteBuffer buffer,
                                  int dataStart, long dataLength) {
        JsonNode t = header.get(name);
        if (t == null) throw new DescentException(file + ": tensor " + name + " is missing");
        if (!"F32".equals(t.path("dtype").asText())) throw new DescentException(file + ": tensor " + name + " is not F32");
        int[] actual = new int[t.path("shape").size()];
        for (int i = 0; i < actual.length; i++) actual[i] = t.path("shape").get(i).asInt(-1);
        if (!Arrays.equals(actual, shape)) {
            throw new DescentException(file + ": tensor " + name + " has shape " + Arrays.toString(actual)
                    + " but the layers in its metadata need " + Arrays.toString(shape));
        }
        long begin = t.path("data_offsets").path(0).asLong(-1);
        long end = t.path("data_offsets").path(1).asLong(-1);
        long count = 1;
        for (int d : shape) count *= d;
        if (begin < 0 || end > dataLength || end - begin != 4 * count) {
            throw new DescentException(file + ": tensor " + name + " has data offsets [" + begin + ", " + end
                    + "] outside the file's " + dataLength + " data bytes or of the wrong length");
        }
        float[] values = new float[(int) count];
        buffer.slice(dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (float v : values) {
            if (!Float.isFinite(v)) throw new DescentException(file + ": tensor " + name + " holds NaN or infinite values");
        }
        return values;
    }

    private static int[] parseSizes(String file, String layers) {
        try {
            int[] sizes = Arrays.stream(layers.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1 || s > 1 << 16)) throw new NumberFormatException();
            return sizes;
        } catch (RuntimeException e) {
            throw new DescentException(file + ": metadata 'layers' is missing or invalid: " + layers);
        }
    }

    private static String join(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
