package dev.descent.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import dev.descent.network.Network;
import dev.descent.network.SafeTensors;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints are safetensors files: read here by a minimal reader written from the format's
 * specification alone (not descent's), and descent's reader is held to hand-built files, good and bad.
 */
class CheckpointFileTest {
    @TempDir
    Path dir;

    /** What the specification says a reader needs: the header, and each tensor's bytes. */
    private record Parsed(JsonNode header, Map<String, float[]> tensors, int dataBytes) {}

    /**
     * The format: 8 bytes, an unsigned little-endian 64-bit header size N; N bytes of UTF-8 JSON (may end
     * in spaces); then a byte buffer. Each header entry but __metadata__ has dtype, shape and
     * data_offsets [begin, end) relative to the buffer; the entries cover the buffer without holes.
     */
    private static Parsed independentRead(byte[] file) throws Exception {
        long n = 0;
        for (int i = 7; i >= 0; i--) n = (n << 8) | (file[i] & 0xFF);
        JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8).strip());
        int base = 8 + (int) n;
        Map<String, float[]> tensors = new HashMap<>();
        List<long[]> spans = new ArrayList<>();
        for (var entry : header.properties()) {
            if (entry.getKey().equals("__metadata__")) continue;
            JsonNode t = entry.getValue();
            assertEquals("F32", t.get("dtype").asText(), entry.getKey());
            long count = 1;
            for (JsonNode d : t.get("shape")) count *= d.asLong();
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertEquals(4 * count, end - begin, entry.getKey() + " length");
            spans.add(new long[] {begin, end});
            float[] values = new float[(int) count];
            for (int i = 0; i < count; i++) {
                int at = base + (int) begin + 4 * i;
                int bits = (file[at] & 0xFF) | (file[at + 1] & 0xFF) << 8 | (file[at + 2] & 0xFF) << 16
                        | (file[at + 3] & 0xFF) << 24;
                values[i] = Float.intBitsToFloat(bits);
            }
            tensors.put(entry.getKey(), values);
        }
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        long next = 0;
        for (long[] s : spans) {
            assertEquals(next, s[0], "no holes or overlaps");
            next = s[1];
        }
        assertEquals(file.length - base, next, "the tensors fill the buffer");
        return new Parsed(header, tensors, file.length - base);
    }

    private static TrainingState state() {
        Network network = new Network(new int[] {3, 2}, Activation.TANH);
        network.setWeights(1, new float[] {1, 2, 3, 4, 5, 6});    // neuron-major: neuron 0 is 1 2 3
        network.biases(1)[0] = -1;
        network.biases(1)[1] = 0.25f;
        float[][] weightSums = {null, {0.5f, 0, 0, 0, 0, -0.5f}};
        float[][] biasSums = {null, {0.125f, 0}};
        List<EpochResult> results = List.of(new EpochResult(0, 0.7, 0.6, 0.5, 0.1, 3.0, 1.5, Double.NaN, Double.NaN));
        return new TrainingState(1, 7, 0.1 + 0.2, 0.3, results, network, weightSums, biasSums,
                List.of(new float[] {9, 8, 7}), null);
    }

    @Test
    void aCheckpointIsASafetensorsFileAnyReaderCanOpen() throws Exception {
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, state(), Map.of("seed", "5"));
        byte[] bytes = Files.readAllBytes(file);
        Parsed parsed = independentRead(bytes);
        long headerSize = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerSize % 8, "descent pads its header to 8 bytes");

        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, parsed.tensors().get("layer1.weight"));
        assertEquals("[2,3]", parsed.header().get("layer1.weight").get("shape").toString());
        assertArrayEquals(new float[] {-1, 0.25f}, parsed.tensors().get("layer1.bias"));
        assertArrayEquals(new float[] {9, 8, 7}, parsed.tensors().get("optimizer.0"));
        assertArrayEquals(new float[] {0.125f, 0}, parsed.tensors().get("epoch_gradient.layer1.bias"));
        JsonNode meta = parsed.header().get("__metadata__");
        assertEquals("3,2", meta.get("layers").asText());
        assertEquals("tanh", meta.get("activation").asText());
        assertEquals("5", meta.get("seed").asText());
        assertEquals("1", meta.get("checkpoint_epoch").asText());
        assertEquals("7", meta.get("checkpoint_step").asText());
        assertTrue(meta.properties().iterator().hasNext());
        meta.properties().forEach(e -> assertTrue(e.getValue().isTextual(), e.getKey() + " is a string"));
    }

    @Test
    void readsBackEveryFieldExactly() throws Exception {
        Path file = dir.resolve(Checkpoint.FILE);
        TrainingState written = state();
        Checkpoint.write(file, written, Map.of());
        TrainingState read = Checkpoint.read(file);
        assertEquals(written.epoch(), read.epoch());
        assertEquals(written.stepInEpoch(), read.stepInEpoch());
        assertEquals(written.costSum(), read.costSum());               // 0.30000000000000004, not 0.3
        assertEquals(written.epochSeconds(), read.epochSeconds());
        assertEquals(written.results(), read.results());
        assertTrue(written.network().sameParameters(read.network()));
        assertArrayEquals(written.epochWeightGradient()[1], read.epochWeightGradient()[1]);
        assertArrayEquals(written.optimizerState().getFirst(), read.optimizerState().getFirst());
    }

    @Test
    void readsAFileBuiltByHandFromTheSpecification() throws Exception {
        String json = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"k\":\"v\"}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header).putFloat(1.5f).putFloat(-2f).putFloat(3f);
        Path path = dir.resolve("hand.safetensors");
        Files.write(path, file.array());
        SafeTensors.Contents contents = SafeTensors.read(path);
        assertArrayEquals(new float[] {1.5f, -2f}, contents.require("hand", "a", 2));
        assertArrayEquals(new float[] {3f}, contents.require("hand", "b", 1));
        assertEquals("v", contents.metadata().get("k"));
    }

    /** Headers a reader must refuse, each with a message naming the file. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,12]}}",
        "{\"a\":{\"dtype\":\"F16\",\"shape\":[6],\"data_offsets\":[0,12]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-3],\"data_offsets\":[0,12]}}",
        "[1, 2, 3]",
        "not json at all"})
    void refusesOverlapsHolesOverrunsAndBadHeaders(String json) throws Exception {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header);
        Path path = dir.resolve("bad.safetensors");
        Files.write(path, file.array());
        DescentException e = assertThrows(DescentException.class, () -> SafeTensors.read(path));
        assertTrue(e.getMessage().contains("bad.safetensors"), e.getMessage());
    }

    @Test
    void refusesATruncatedCheckpoint() throws Exception {
        Path file = dir.resolve(Checkpoint.FILE);
        Checkpoint.write(file, state(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        DescentException e = assertThrows(DescentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains(Checkpoint.FILE), e.getMessage());
    }
}
