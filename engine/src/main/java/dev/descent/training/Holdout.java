package dev.descent.training;

import dev.descent.data.Dataset;
import java.util.random.RandomGenerator;

/** A training set split into the samples trained on and {@code n} held out for validation. */
record Holdout(Dataset train, Dataset validation) {
    /** Holds out n samples chosen uniformly by {@code random}; both parts keep the original order. */
    static Holdout of(Dataset data, int n, RandomGenerator random) {
        Dataset[] parts = data.split(n, random, "training part", "validation part");
        return new Holdout(parts[0], parts[1]);
    }
}
