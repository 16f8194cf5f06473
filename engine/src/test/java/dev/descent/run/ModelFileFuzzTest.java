package dev.descent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.DescentException;
import dev.descent.Fuzz;
import dev.descent.Mutations;
import dev.descent.kernel.Activation;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the model-file readers ({@link ModelFile#read} and {@link Checkpoint#read}, both on
 * {@link dev.descent.network.SafeTensors}): valid model files and checkpoints of small networks,
 * mutated at the byte level or in their JSON header (shapes, offsets, dtypes and metadata set to
 * boundary values, entries dropped or added, the header length right or wrong). Every input loads
 * or is refused with a {@link DescentException}.
 */
class ModelFileFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] NUMBERS = {0, 1, 2, 3, 4, 7, 8, -1, 784, 65536, 65537, Integer.MAX_VALUE,
            1L << 32, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final List<String> METADATA = List.of("", "1", "0", "-1", "784,16,10", "4,3,2",
            "65536,65536,65536,10", "1,1", "a,b", ",,", "4,3", "sigmoid", "relu", "tanh", "softmax", "[[\"0\",\"1\"]]",
            "[]", "[[]]", "{", "0x1p0", "NaN", "Infinity", "2147483648", "null");

    @TempDir
    Path dir;

    static List<byte[]> seeds(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        List<byte[]> seeds = new ArrayList<>();
        for (int[] sizes : new int[][] {{4, 3, 2}, {3, 2}, {5, 4, 3, 2}}) {
            Network network = network(sizes, r);
            Path model = dir.resolve("seed-model.safetensors");
            ModelFile.write(model, network, Map.of("cost", "quadratic (built-in)", "dataset", "mnist"));
            seeds.add(Files.readAllBytes(model));
            Path checkpoint = dir.resolve("seed-checkpoint.safetensors");
            Checkpoint.write(checkpoint, state(network, r), Map.of("cost", "quadratic (built-in)"));
            seeds.add(Files.readAllBytes(checkpoint));
        }
        return seeds;
    }

    private static Network network(int[] sizes, SplittableRandom r) {
        Network network = new Network(sizes, Activation.SIGMOID);
        for (int l = 1; l < sizes.length; l++) {
            float[] w = new float[sizes[l] * sizes[l - 1]];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            network.setWeights(l, w);
            for (int i = 0; i < sizes[l]; i++) network.biases(l)[i] = (float) r.nextGaussian();
        }
        return network;
    }

    private static TrainingState state(Network network, SplittableRandom r) {
        float[][] weightSums = new float[network.depth()][];
        float[][] biasSums = new float[network.depth()][];
        for (int l = 1; l < network.depth(); l++) {
            weightSums[l] = new float[network.size(l - 1) * network.size(l)];
            biasSums[l] = new float[network.size(l)];
        }
        List<EpochResult> results = List.of(new EpochResult(0, 0.5, 0.4, 0.9, 0.1, 1.0, 2.0),
                new EpochResult(1, 0.3, 0.35, 0.92, 0.05, 1.0, 2.0));
        return new TrainingState(2, 0, 0, 0, results, network, weightSums, biasSums,
                List.of(new float[] {1, 2, 3}), r.nextBoolean() ? network.copy() : null);
    }

    static byte[] input(List<byte[]> seeds, SplittableRandom r) {
        byte[] seed = Mutations.pick(seeds, r);
        if (r.nextInt(3) == 0) return Mutations.mutate(seed, r);
        if (r.nextInt(12) == 0) return seed;
        return editHeader(seed, r);
    }

    /** Parses the header, changes one to three things in it, and writes it back. */
    private static byte[] editHeader(byte[] file, SplittableRandom r) {
        int length = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ObjectNode header;
        try {
            header = (ObjectNode) JSON.readTree(new String(file, 8, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        header.fieldNames().forEachRemaining(names::add);
        for (int e = 0, n = 1 + r.nextInt(3); e < n; e++) {
            String name = Mutations.pick(names, r);
            JsonNode entry = header.get(name);
            if (entry == null || !entry.isObject()) continue;
            ObjectNode node = (ObjectNode) entry;
            if (name.equals("__metadata__")) {
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                String key = r.nextInt(8) == 0 ? "layers" : Mutations.pick(keys, r);
                if (r.nextInt(6) == 0) node.remove(key);
                else node.put(key, Mutations.pick(METADATA, r));
                continue;
            }
            switch (r.nextInt(7)) {
                case 0 -> numberIn(array(node, "shape"), r);
                case 1 -> numberIn(array(node, "data_offsets"), r);
                case 2 -> node.put("dtype", Mutations.pick(List.of("F64", "F16", "I32", "", "f32"), r));
                case 3 -> header.remove(name);
                case 4 -> header.set(name + "x", node.deepCopy());
                case 5 -> array(node, "shape").add(Mutations.pick(List.of(1L, 0L, 2L), r));
                default -> node.set(Mutations.pick(List.of("shape", "data_offsets", "dtype"), r),
                        r.nextBoolean() ? JSON.getNodeFactory().textNode("x") : JSON.getNodeFactory().nullNode());
            }
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        long claimed = r.nextInt(6) == 0 ? padded + Mutations.pick(List.of(-8L, 8L, 1L, -1L), r) : padded;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + file.length - 8 - length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(claimed).put(json);
        while (out.position() < 8 + padded) out.put((byte) ' ');
        out.put(file, 8 + length, file.length - 8 - length);
        return out.array();
    }

    /** The array under {@code key}, made a new empty one when an earlier edit put something else there. */
    private static ArrayNode array(ObjectNode node, String key) {
        return node.get(key) instanceof ArrayNode a ? a : node.putArray(key);
    }

    private static void numberIn(ArrayNode array, SplittableRandom r) {
        long value = NUMBERS[r.nextInt(NUMBERS.length)];
        if (array.isEmpty()) array.add(value);
        else array.set(r.nextInt(array.size()), JSON.getNodeFactory().numberNode(value));
    }

    /** True when the reader loads the file, false when it refuses it; anything else propagates. */
    private static boolean loads(Runnable reader) {
        try {
            reader.run();
            return true;
        } catch (DescentException e) {
            return false;
        }
    }

    @Test
    void everyModelOrCheckpointLoadsOrIsRefusedWithAMessage() throws IOException {
        List<byte[]> seeds = seeds(dir);
        Path file = dir.resolve("fuzz.safetensors");
        Fuzz.Result result = Fuzz.bytes("model-file", r -> input(seeds, r), bytes -> {
            Files.write(file, bytes);
            boolean model = loads(() -> ModelFile.read(file));
            boolean checkpoint = loads(() -> Checkpoint.read(file));
            if (!model && !checkpoint) throw new DescentException("refused as a model and as a checkpoint");
        });
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }
}
