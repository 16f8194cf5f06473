package dev.descent.report;

import java.util.ArrayList;
import java.util.List;

/** Names for a data set's classes: the digit itself for MNIST, the garment for Fashion-MNIST. */
public final class ClassNames {
    /** Fashion-MNIST's labels 0-9, as its authors name them. */
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {
    }

    /** The names of {@code classes} classes of {@code dataset}: Fashion-MNIST's garments, else "0", "1", ... */
    public static List<String> of(String dataset, int classes) {
        if (dataset.equals("fashion-mnist") && classes == FASHION.size()) return FASHION;
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) names.add(Integer.toString(k));
        return names;
    }
}
