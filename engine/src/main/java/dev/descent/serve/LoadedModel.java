package dev.descent.serve;

import dev.descent.network.Network;
import dev.descent.spi.Cost;
import java.nio.file.Path;
import java.util.Map;

/**
 * A network read from {@code file} with the cost it was trained with (whose output activation the
 * forward pass uses) and the file's metadata. The server never mutates {@code network}.
 */
public record LoadedModel(Path file, Network network, Cost cost, Map<String, String> metadata) {
    public LoadedModel {
        metadata = Map.copyOf(metadata);
    }

    /** Reads a model or checkpoint file; fails with a DescentException naming the file. */
    @FunctionalInterface
    public interface Loader {
        LoadedModel load(Path file);
    }
}
