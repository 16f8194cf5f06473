package dev.descent.cli;

import dev.descent.DescentException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code descent} command. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Trains neural networks by gradient descent, fast on the CPU.",
        subcommands = {TrainCommand.class, SweepCommand.class, ReportCommand.class, EvalCommand.class,
                PredictCommand.class, ExportCommand.class, SlopeCommand.class, ServeCommand.class, BenchCommand.class,
                PluginsCommand.class, GradCheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by tests in-process. */
    public static int run(String... args) {
        try {
            return commandLine().execute(args);
        } catch (VirtualMachineError | LinkageError e) {
            // picocli hands only Exceptions to the handler; an Error would otherwise print its trace.
            return ErrorLog.report(e, null, List.of(args), new PrintWriter(System.err, true),
                    List.of(args).contains("--verbose") || List.of(args).contains("-v"));
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> e instanceof DescentException || e instanceof CommandLine.ParameterException
                ? EXIT_BAD_INPUT : EXIT_INTERNAL);
        cli.setExecutionExceptionHandler(Main::handle);
        return cli;
    }

    /** No command given: the usage, and the exit code of a bad argument. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    /** Where a command sends the notes of loading its config (a plugin's parameters dropped): a line each on stderr. */
    static Consumer<String> notes(PrintWriter err) {
        return note -> {
            err.println("descent: " + note);
            err.flush();
        };
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof DescentException) {
            err.println("descent: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        Path runFolder = leaf.commandSpec().userObject() instanceof RunFolderCommand c ? c.runFolder() : null;
        return ErrorLog.report(e, runFolder, parsed.originalArgs(), err, verbose);
    }
}
