package dev.descent.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Network sample() {
        Network n = new Network(new int[] {3, 2}, Activation.SIGMOID);
        n.setWeights(1, new float[] {1, 2, 3, 4, 5, 6});   // neuron 0: 1 2 3, neuron 1: 4 5 6
        n.biases(1)[0] = -1;
        n.biases(1)[1] = 0.5f;
        return n;
    }

    @Test
    void writesTheSafetensorsByteLayout() throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelFile.write(file, sample(), Map.of("cost", "quadratic"));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = b.getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertEquals("F32", header.get("layer1.weight").get("dtype").asText());
        assertEquals("[2,3]", header.get("layer1.weight").get("shape").toString());
        assertEquals("[0,24]", header.get("layer1.weight").get("data_offsets").toString());
        assertEquals("[24,32]", header.get("layer1.bias").get("data_offsets").toString());
        assertEquals("3,2", header.get("__metadata__").get("layers").asText());
        assertEquals("quadratic", header.get("__metadata__").get("cost").asText());
        assertEquals(8 + headerLength + 32, bytes.length);
        b.position((int) (8 + headerLength));
        float[] data = new float[8];
        b.asFloatBuffer().get(data);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, -1, 0.5f}, data);
    }

    @Test
    void readsBackTheSameNetwork() throws Exception {
        Path file = dir.resolve("m.safetensors");
        Network original = sample();
        ModelFile.write(file, original, Map.of());
        ModelFile.Loaded loaded = ModelFile.read(file);
        assertTrue(original.sameParameters(loaded.network()));
        assertEquals(Activation.SIGMOID, loaded.network().activation());
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFile() throws Exception {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        DescentException e = assertThrows(DescentException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains("header length"),
                e.getMessage());
    }
}
