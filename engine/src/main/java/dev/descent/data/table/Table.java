package dev.descent.data.table;

import dev.descent.data.samples.Samples;
import java.nio.file.Path;

/** A CSV file as read: where it came from, which columns were read as what, and its samples. */
public record Table(Path file, TableLayout layout, Samples samples) {
}
