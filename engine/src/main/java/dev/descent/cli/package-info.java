/**
 * The {@code descent} command line (picocli). Exit codes: 0 success, 2 bad input (config, data,
 * arguments, plugins), 1 internal error. A user error prints one line and no stack trace.
 */
package dev.descent.cli;
