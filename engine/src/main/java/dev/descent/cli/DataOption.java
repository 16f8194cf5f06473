package dev.descent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by the commands that read a data set; {@code DataLocator} applies the defaults. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "data root holding <dataset>/ folders (default: $DESCENT_DATA, else data/)")
    Path root;
}
