package dev.descent.data.normalize;

import dev.descent.DescentException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How inputs are rescaled before training ({@code data.normalize}). */
public enum Normalization {
    /** Each feature minus its training mean, divided by its training standard deviation. */
    STANDARD("standard"),
    /** Each feature mapped so its training minimum is 0 and its training maximum 1. */
    MIN_MAX("min-max"),
    /** The values as read. */
    NONE("none");

    private final String id;

    Normalization(String id) {
        this.id = id;
    }

    /** The name used in configs. */
    public String id() {
        return id;
    }

    /** The method called {@code id}; {@code where} names the config key for the error. */
    public static Normalization of(String id, String where) {
        for (Normalization n : values()) {
            if (n.id.equals(id)) return n;
        }
        throw new DescentException("unknown normalisation '%s' at %s; available: %s".formatted(id, where,
                Arrays.stream(values()).map(Normalization::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
