package dev.descent.data.table;

import dev.descent.data.samples.ClassNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns class labels into class indices. Learning from a training file, each new label gets the next
 * provisional code as it first appears, and {@link #finish} renumbers the codes into the sorted order
 * of {@link ClassNames}; with the classes fixed (a test file), a label maps straight to its index and
 * an unknown one to -1.
 */
final class ClassCoder {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final boolean fixed;

    private ClassCoder(boolean fixed) {
        this.fixed = fixed;
    }

    /** A coder that learns the classes from the labels it sees. */
    static ClassCoder learning() {
        return new ClassCoder(false);
    }

    /** A coder for the known {@code classes}, in class order. */
    static ClassCoder of(List<String> classes) {
        ClassCoder coder = new ClassCoder(true);
        for (String c : classes) coder.add(c);
        return coder;
    }

    /** The code of {@code label}; -1 when the classes are fixed and it is not one of them. */
    int code(String label) {
        Integer code = codes.get(label);
        if (code != null) return code;
        return fixed ? -1 : add(label);
    }

    /** The classes seen or given, in class order. */
    List<String> classes() {
        return fixed ? List.copyOf(names) : ClassNames.sorted(names);
    }

    /** Rewrites provisional {@code codes} in place into indices of {@link #classes()}. */
    void finish(int[] codes) {
        if (fixed) return;
        List<String> sorted = classes();
        int[] rank = new int[names.size()];
        for (int i = 0; i < sorted.size(); i++) rank[this.codes.get(sorted.get(i))] = i;
        for (int i = 0; i < codes.length; i++) codes[i] = rank[codes[i]];
    }

    /** Class names already seen, as a list for messages, in class order, shortened past {@code max}. */
    String describe(int max) {
        List<String> sorted = classes();
        if (sorted.size() <= max) return String.join(", ", sorted);
        return String.join(", ", sorted.subList(0, max)) + " ... (%d in all)".formatted(sorted.size());
    }

    int size() {
        return names.size();
    }

    private int add(String label) {
        codes.put(label, names.size());
        names.add(label);
        return names.size() - 1;
    }

    /** A growing list of codes, one per row. */
    static final class Codes {
        private int[] values = new int[1 << 12];
        private int size;

        void add(int code) {
            if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
            values[size++] = code;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
