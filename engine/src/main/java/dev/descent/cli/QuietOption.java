package dev.descent.cli;

import picocli.CommandLine.Option;

/** {@code -q/--quiet}, shared by the commands that print progress: no progress, no tables, only the outcome. */
final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "print only errors and the final result")
    boolean quiet;
}
