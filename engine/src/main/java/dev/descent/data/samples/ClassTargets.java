package dev.descent.data.samples;

import java.util.List;

/**
 * Class labels: {@code index[i]} is sample i's class, an index into {@code classes}, the class names in
 * {@link ClassNames#sorted sorted order}. The array is shared, not copied: nobody may mutate it.
 */
public record ClassTargets(List<String> classes, int[] index) implements Targets {
    public ClassTargets {
        classes = List.copyOf(classes);
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= classes.size()) {
                throw new IllegalArgumentException("class index %d of sample %d; %d classes"
                        .formatted(index[i], i, classes.size()));
            }
        }
    }

    @Override
    public int count() {
        return index.length;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    /** The class index of sample i. */
    public int of(int sample) {
        return index[sample];
    }
}
