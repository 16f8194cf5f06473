package dev.descent.network;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Models in the {@link SafeTensors} layout, readable by any safetensors reader. Layer l is stored as
 * {@code layer<l>.weight} with shape {@code [outputs, inputs]} (the usual neuron-major convention) and
 * {@code layer<l>.bias} with shape {@code [outputs]}; metadata holds {@code layers} ("784,16,16,10"),
 * {@code activation} and whatever the caller adds (version, plugin names).
 */
public final class ModelFile {
    private ModelFile() {
    }

    /** A network read back with its metadata. */
    public record Loaded(Network network, Map<String, String> metadata) {
    }

    public static void write(Path file, Network network, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, tensors(network, ""), metadata(network, metadata));
    }

    public static Loaded read(Path file) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        return new Loaded(network(file.toString(), contents, ""), contents.metadata());
    }

    /** The metadata a model file carries: the layers and activation, then the caller's pairs. */
    public static Map<String, String> metadata(Network network, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("layers", join(network.sizes()));
        meta.put("activation", network.activation().configName());
        // Written only when it differs, so a classifier's file keeps the keys of 0.1.
        if (network.outputActivation() != network.activation()) {
            meta.put("output_activation", network.outputActivation().configName());
        }
        meta.putAll(extra);
        return meta;
    }

    /** The network's tensors, named {@code <prefix>layer<l>.weight} ([out, in]) and {@code .bias}. */
    public static List<SafeTensors.Tensor> tensors(Network network, String prefix) {
        List<SafeTensors.Tensor> tensors = new ArrayList<>();
        for (int l = 1; l < network.depth(); l++) {
            tensors.add(new SafeTensors.Tensor(prefix + "layer" + l + ".weight",
                    new int[] {network.size(l), network.size(l - 1)}, network.neuronMajorWeights(l)));
            tensors.add(new SafeTensors.Tensor(prefix + "layer" + l + ".bias", new int[] {network.size(l)},
                    Arrays.copyOf(network.biases(l), network.size(l))));
        }
        return tensors;
    }

    /**
     * The network stored under {@code prefix} in a file, with the layers and activation of its
     * metadata; every weight must be finite.
     */
    public static Network network(String file, SafeTensors.Contents contents, String prefix) {
        Map<String, String> metadata = contents.metadata();
        int[] sizes = parseSizes(file, metadata.get("layers"));
        Activation activation;
        try {
            activation = Activation.valueOf(metadata.getOrDefault("activation", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DescentException(file + ": unknown activation '" + metadata.get("activation") + "' in metadata");
        }
        Activation output = activation;
        if (metadata.containsKey("output_activation")) {
            try {
                output = Activation.valueOf(metadata.get("output_activation").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DescentException(file + ": unknown output_activation '" + metadata.get("output_activation")
                        + "' in metadata");
            }
        }
        // Every tensor is checked before the network is allocated: the metadata's layers are only text,
        // and "65536,65536,65536,10" must not cost gigabytes when the file holds a few kilobytes.
        float[][] weights = new float[sizes.length][];
        float[][] biases = new float[sizes.length][];
        for (int l = 1; l < sizes.length; l++) {
            String w = prefix + "layer" + l + ".weight";
            String b = prefix + "layer" + l + ".bias";
            weights[l] = finite(file, w, contents.require(file, w, sizes[l], sizes[l - 1]));
            biases[l] = finite(file, b, contents.require(file, b, sizes[l]));
        }
        Network network = new Network(sizes, activation, output);
        for (int l = 1; l < sizes.length; l++) {
            network.setWeights(l, weights[l]);
            System.arraycopy(biases[l], 0, network.biases(l), 0, biases[l].length);
        }
        return network;
    }

    private static float[] finite(String file, String name, float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new DescentException(file + ": tensor " + name + " holds NaN or infinite values");
            }
        }
        return values;
    }

    private static int[] parseSizes(String file, String layers) {
        try {
            int[] sizes = Arrays.stream(layers.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1 || s > 1 << 16)) {
                throw new NumberFormatException();
            }
            return sizes;
        } catch (RuntimeException e) {
            throw new DescentException(file + ": metadata 'layers' is missing or invalid: " + layers);
        }
    }

    private static String join(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
