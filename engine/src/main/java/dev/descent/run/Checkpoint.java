package dev.descent.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.config.ExperimentConfig;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.network.SafeTensors;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link TrainingState} as a safetensors file. The parameters are stored exactly as in a model file
 * ({@code layer<l>.weight}, {@code layer<l>.bias}, with the same metadata), so a checkpoint is also a
 * model that {@code descent eval} and any safetensors reader can open. Beside them:
 * {@code epoch_gradient.layer<l>.weight|bias} (the epoch's gradient sums so far, flat),
 * {@code optimizer.<i>} (the optimizer's state arrays) and, under early stopping,
 * {@code best.layer<l>.*}. The metadata adds {@code checkpoint_epoch}, {@code checkpoint_step},
 * {@code checkpoint_cost_sum} and {@code checkpoint_seconds} (doubles in Java's exact hexadecimal
 * form), and {@code checkpoint_results}: the finished epochs' results as JSON arrays of exact decimal
 * strings, which is all a schedule's state is made of. A run's checkpoint also records {@code run_id}
 * and {@code data_identity} ({@link RunRecord}), and {@code checkpoint_digest}, a SHA-256 of all other
 * metadata, so that an edited {@code checkpoint_step} or a checkpoint of another run is refused.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.safetensors";
    static final String RUN_ID = "run_id";
    static final String DATA = "data_identity";
    static final String DIGEST = "checkpoint_digest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {
    }

    public static void write(Path file, TrainingState state, Map<String, String> metadata) throws IOException {
        Network network = state.network();
        List<SafeTensors.Tensor> tensors = new ArrayList<>(ModelFile.tensors(network, ""));
        for (int l = 1; l < network.depth(); l++) {
            tensors.add(flat("epoch_gradient.layer" + l + ".weight", state.epochWeightGradient()[l],
                    network.size(l - 1) * network.size(l)));
            tensors.add(flat("epoch_gradient.layer" + l + ".bias", state.epochBiasGradient()[l], network.size(l)));
        }
        for (int i = 0; i < state.optimizerState().size(); i++) {
            float[] s = state.optimizerState().get(i);
            tensors.add(flat("optimizer." + i, s, s.length));
        }
        if (state.best() != null) tensors.addAll(ModelFile.tensors(state.best(), "best."));

        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("checkpoint_epoch", Integer.toString(state.epoch()));
        meta.put("checkpoint_step", Integer.toString(state.stepInEpoch()));
        meta.put("checkpoint_cost_sum", Double.toHexString(state.costSum()));
        meta.put("checkpoint_seconds", Double.toHexString(state.epochSeconds()));
        meta.put("checkpoint_optimizer_arrays", Integer.toString(state.optimizerState().size()));
        List<List<String>> results = state.results().stream().map(Checkpoint::fields).toList();
        meta.put("checkpoint_results", JSON.writeValueAsString(results));
        Map<String, String> all = new LinkedHashMap<>(ModelFile.metadata(network, meta));
        all.put(DIGEST, digest(all));
        SafeTensors.write(file, tensors, all);
    }

    /** The run a checkpoint belongs to and the data it was trained on; empty for one of descent 0.1. */
    public record Origin(String runId, DataIdentity data) {
    }

    /** The checkpoint's {@link Origin}, read from its metadata (already checked by {@link #read}). */
    public static Optional<Origin> origin(Path file) {
        Map<String, String> meta = SafeTensors.read(file).metadata();
        String id = meta.get(RUN_ID);
        if (id == null) return Optional.empty();
        return Optional.of(new Origin(id, DataIdentity.fromJson(meta.get(DATA), file + ": metadata " + DATA)));
    }

    /** The metadata a checkpoint of {@code record}'s run adds to the model's. */
    static Map<String, String> originMetadata(RunRecord record) {
        return Map.of(RUN_ID, record.runId(), DATA, record.data().toJson());
    }

    private static String digest(Map<String, String> metadata) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(metadata).forEach((k, v) -> {
            if (!k.equals(DIGEST)) text.append(k).append('=').append(v).append('\n');
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A checkpoint of a 0.2 run has a digest; one whose metadata no longer matches it was edited. */
    private static void checkDigest(String file, Map<String, String> meta) {
        String recorded = meta.get(DIGEST);
        if (recorded == null && !meta.containsKey(RUN_ID)) return;   // written by descent 0.1
        if (recorded == null || !recorded.equals(digest(meta))) {
            throw new DescentException(file + " has been edited: its metadata (checkpoint_epoch, checkpoint_step, ...)"
                    + " no longer matches its " + DIGEST + "; resume from an unedited checkpoint or start the run"
                    + " again");
        }
    }

    /** Reads a checkpoint; every problem is a DescentException naming the file and what is wrong. */
    public static TrainingState read(Path file) {
        String name = file.toString();
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> meta = contents.metadata();
        Network network = ModelFile.network(name, contents, "");
        int epoch = integer(name, meta, "checkpoint_epoch");
        int step = integer(name, meta, "checkpoint_step");
        double costSum = hexDouble(name, meta, "checkpoint_cost_sum");
        double seconds = hexDouble(name, meta, "checkpoint_seconds");
        int arrays = integer(name, meta, "checkpoint_optimizer_arrays");
        float[][] weightSums = new float[network.depth()][];
        float[][] biasSums = new float[network.depth()][];
        for (int l = 1; l < network.depth(); l++) {
            int weights = network.size(l - 1) * network.size(l);
            weightSums[l] = contents.require(name, "epoch_gradient.layer" + l + ".weight", weights);
            biasSums[l] = contents.require(name, "epoch_gradient.layer" + l + ".bias", network.size(l));
        }
        List<float[]> optimizer = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            SafeTensors.Tensor t = contents.tensors().get("optimizer." + i);
            if (t == null || t.shape().length != 1) {
                throw new DescentException(name + ": tensor optimizer." + i + " is missing");
            }
            optimizer.add(t.data());
        }
        Network best = contents.tensors().containsKey("best.layer1.weight")
                ? ModelFile.network(name, contents, "best.") : null;
        List<EpochResult> results = results(name, meta.get("checkpoint_results"));
        if (epoch != results.size()) {
            throw new DescentException(name + ": checkpoint_epoch " + epoch + " and checkpoint_step " + step
                    + " do not agree with its " + results.size() + " finished epochs");
        }
        // Last, so that a damaged field is named by the check above that reads it.
        checkDigest(name, meta);
        return new TrainingState(epoch, step, costSum, seconds, results, network, weightSums, biasSums, optimizer,
                best);
    }

    /**
     * Reads a checkpoint to continue a run of {@code config}: its network must have the config's
     * layers and activation, or resuming would mix two different networks.
     */
    public static TrainingState read(Path file, ExperimentConfig config) {
        TrainingState state = read(file);
        int[] layers = config.network().layers().stream().mapToInt(Integer::intValue).toArray();
        Network network = state.network();
        if (!Arrays.equals(network.sizes(), layers) || network.activation() != config.network().activation()) {
            throw new DescentException(file + " holds a " + describe(network) + " network but the run's config says "
                    + describe(layers, config.network().activation().configName())
                    + " (network.layers, network.activation); it is another run's checkpoint");
        }
        return state;
    }

    private static String describe(Network network) {
        return describe(network.sizes(), network.activation().configName());
    }

    private static String describe(int[] sizes, String activation) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList()) + " " + activation;
    }

    private static SafeTensors.Tensor flat(String name, float[] data, int length) {
        return new SafeTensors.Tensor(name, new int[] {length}, Arrays.copyOf(data, length));
    }

    private static List<String> fields(EpochResult r) {
        List<String> f = new ArrayList<>(List.of(Integer.toString(r.epoch()), Double.toString(r.trainCost()),
                Double.toString(r.testCost()), Double.toString(r.testAccuracy()), Double.toString(r.gradientNorm()),
                Double.toString(r.learningRate()), Double.toString(r.seconds()),
                Double.toString(r.validationCost()), Double.toString(r.validationAccuracy())));
        // A classification's rows keep the nine fields of 0.1; a regression's add its three errors.
        if (r.isRegression()) {
            f.addAll(List.of(Double.toString(r.testRmse()), Double.toString(r.testMae()), Double.toString(r.testR2())));
        }
        return f;
    }

    private static List<EpochResult> results(String file, String json) {
        try {
            List<List<String>> rows = JSON.readValue(json == null ? "" : json, new TypeReference<>() { });
            List<EpochResult> results = new ArrayList<>();
            for (List<String> f : rows) {
                boolean regression = f.size() >= 12;
                results.add(new EpochResult(Integer.parseInt(f.get(0)), d(f, 1), d(f, 2), d(f, 3), d(f, 4), d(f, 5),
                        d(f, 6), d(f, 7), d(f, 8), regression ? d(f, 9) : Double.NaN,
                        regression ? d(f, 10) : Double.NaN, regression ? d(f, 11) : Double.NaN));
                if (results.getLast().epoch() != results.size() - 1) {
                    throw new NumberFormatException("epochs out of order");
                }
            }
            return results;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new DescentException(file + ": metadata checkpoint_results is missing or invalid");
        }
    }

    private static double d(List<String> fields, int i) {
        return Double.parseDouble(fields.get(i));
    }

    private static int integer(String file, Map<String, String> meta, String key) {
        try {
            int value = Integer.parseInt(meta.get(key));
            if (value < 0) throw new NumberFormatException();
            return value;
        } catch (RuntimeException e) {
            throw new DescentException(file + ": metadata " + key + " is missing or invalid: " + meta.get(key));
        }
    }

    private static double hexDouble(String file, Map<String, String> meta, String key) {
        try {
            double value = Double.parseDouble(meta.get(key));
            if (!Double.isFinite(value)) throw new NumberFormatException();
            return value;
        } catch (RuntimeException e) {
            throw new DescentException(file + ": metadata " + key + " is missing or invalid: " + meta.get(key));
        }
    }
}
