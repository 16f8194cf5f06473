package dev.descent.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files in the safetensors layout, float32 tensors only:
 * <pre>
 *   u64 little-endian N | N bytes of JSON header, space-padded to a multiple of 8 | tensor data
 * </pre>
 * The header maps each tensor name to {@code {"dtype": "F32", "shape": [...], "data_offsets": [begin,
 * end]}} (byte offsets into the data section) and {@code __metadata__} to string pairs. Tensors are
 * written in the order given, back to back. The reader checks every length against the file before
 * it allocates, and refuses offsets that leave the data section, overlap, or leave holes.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Larger files are refused before reading: ~2 GiB is far beyond any network descent trains. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private SafeTensors() {
    }

    /** One named float32 tensor; {@code data} holds exactly the product of {@code shape} values. */
    public record Tensor(String name, int[] shape, float[] data) {
        public Tensor {
            long count = 1;
            for (int d : shape) count *= d;
            if (count != data.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + count
                        + " values, not " + data.length);
            }
        }
    }

    /** A file's tensors by name, in file order, and its metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The tensor, which must exist with this shape; {@code file} names the file in the error. */
        public float[] require(String file, String name, int... shape) {
            Tensor t = tensors.get(name);
            if (t == null) throw new DescentException(file + ": tensor " + name + " is missing");
            if (!Arrays.equals(t.shape(), shape)) {
                throw new DescentException(file + ": tensor " + name + " has shape " + Arrays.toString(t.shape())
                        + " but " + Arrays.toString(shape) + " is needed");
            }
            return t.data();
        }
    }

    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode node = header.putObject(t.name());
            node.put("dtype", "F32");
            var shape = node.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long end = offset + 4L * t.data().length;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (Tensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.data());
                out.write(data.array());
            }
        });
    }

    /** Reads a whole file; every problem is a DescentException that names it. */
    public static Contents read(Path file) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) throw new DescentException(name + " is a directory, not a safetensors file");
            long size = Files.size(file);
            if (size < 8) throw new DescentException(name + " is not a safetensors file: " + size + " bytes");
            if (size > MAX_FILE_BYTES) {
                throw new DescentException(name + " is too large to be a descent model: " + size + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = buffer.getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8) {
                throw new DescentException(name + " is not a safetensors file: header length " + headerLength
                        + " does not fit the file's " + bytes.length + " bytes");
            }
            JsonNode header;
            try {
                header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
            } catch (IOException e) {
                header = null;
            }
            if (header == null || !header.isObject()) {
                throw new DescentException(name + " is not a safetensors file: its header is not a JSON object");
            }
            int dataStart = 8 + (int) headerLength;
            long dataLength = bytes.length - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<long[]> spans = new ArrayList<>();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : header.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                        metadata.put(m.getKey(), m.getValue().asText());
                    }
                    continue;
                }
                Tensor t = tensor(name, e.getKey(), e.getValue(), buffer, dataStart, dataLength, spans);
                tensors.put(t.name(), t);
            }
            checkCoverage(name, spans, dataLength);
            return new Contents(tensors, metadata);
        } catch (IOException e) {
            throw new DescentException("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static Tensor tensor(String file, String name, JsonNode t, ByteBuffer buffer, int dataStart,
                                 long dataLength, List<long[]> spans) {
        if (!"F32".equals(t.path("dtype").asText())) {
            throw new DescentException(file + ": tensor " + name + " has dtype '" + t.path("dtype").asText()
                    + "'; descent reads F32 only");
        }
        JsonNode shapeNode = t.path("shape");
        if (!shapeNode.isArray() || shapeNode.size() > 8) {
            throw new DescentException(file + ": tensor " + name + " has no valid shape");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || d.asInt() < 0) {
                throw new DescentException(file + ": tensor " + name + " has a bad dimension " + d);
            }
            shape[i] = d.asInt();
            count *= shape[i];
            if (count > dataLength / 4 + 1) break;  // the offsets check below rejects it; stop before overflow
        }
        JsonNode offsets = t.path("data_offsets");
        long begin = offsets.path(0).canConvertToLong() ? offsets.path(0).asLong() : -1;
        long end = offsets.path(1).canConvertToLong() ? offsets.path(1).asLong() : -1;
        if (offsets.size() != 2 || begin < 0 || end < begin || end > dataLength || end - begin != 4 * count) {
            throw new DescentException(file + ": tensor " + name + " has data offsets " + offsets
                    + " outside the file's " + dataLength + " data bytes or not matching its shape "
                    + Arrays.toString(shape));
        }
        spans.add(new long[] {begin, end});
        float[] values = new float[(int) count];
        buffer.slice(dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(values);
        return new Tensor(name, shape, values);
    }

    /** The tensors must tile the data section exactly: no overlaps, no holes, nothing after. */
    private static void checkCoverage(String file, List<long[]> spans, long dataLength) {
        spans.sort(Comparator.comparingLong(s -> s[0]));
        long next = 0;
        for (long[] s : spans) {
            if (s[0] != next) {
                throw new DescentException(file + ": tensor data " + (s[0] < next ? "overlap" : "leave a hole")
                        + " at byte " + Math.min(s[0], next) + " of the data section");
            }
            next = s[1];
        }
        if (next != dataLength) {
            throw new DescentException(file + ": " + (dataLength - next) + " bytes after the last tensor's data");
        }
    }
}
