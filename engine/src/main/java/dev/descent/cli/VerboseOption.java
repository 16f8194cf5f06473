package dev.descent.cli;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}, shared by every command; {@link Main} reads it when an internal error is reported. */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "print stack traces of internal errors")
    boolean verbose;
}
