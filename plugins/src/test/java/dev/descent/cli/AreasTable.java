package dev.descent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** A made-up regression table for the own-data tests: a rectangle's area from its sides, in square metres. */
final class AreasTable {
    private AreasTable() {
    }

    /** Writes {@code rows} rows of {@code width,height,area} (sides uniform in [1, 10), seed 9) to {@code csv}. */
    static Path write(Path csv, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder text = new StringBuilder("width,height,area\n");
        for (int i = 0; i < rows; i++) {
            double w = random.nextDouble(1, 10);
            double h = random.nextDouble(1, 10);
            text.append(String.format(Locale.ROOT, "%.3f,%.3f,%.4f%n", w, h, w * h));
        }
        Files.createDirectories(csv.toAbsolutePath().getParent());
        return Files.writeString(csv, text);
    }
}
