package dev.descent.data.samples;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a data set's classes, which fixes which output neuron stands for which class. Names
 * that are all integers ({@code 0 ... 9}, {@code -1, 1}) sort by value, so {@code 10} comes after
 * {@code 9} as a user expects; any other set of names sorts by {@link String#compareTo}. MNIST's
 * labels 0-9 therefore keep their indices.
 */
public final class ClassNames {
    private ClassNames() {
    }

    /** {@code names} (distinct) in class order. */
    public static List<String> sorted(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        boolean integers = list.stream().allMatch(ClassNames::isInteger);
        // Ties by value ("1" and "01") are two classes; the text breaks them so the order is total.
        Comparator<String> order = integers
                ? Comparator.<String, BigInteger>comparing(BigInteger::new).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        list.sort(order);
        return List.copyOf(list);
    }

    static boolean isInteger(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (start == s.length()) return false;
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
