package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options every command shares come from one picocli mixin each, so every command takes them with
 * the same names and help, and an error hint that names {@code --verbose} holds for every command.
 */
class SharedOptionsTest {
    private static CommandLine.Model.CommandSpec command(String name) {
        return Main.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    @Test
    void everyCommandTakesVerbose() {
        for (String name : List.of("train", "sweep", "report", "eval", "predict", "slope", "bench", "plugins")) {
            assertTrue(command(name).findOption("--verbose") != null, name + " lacks --verbose");
            assertTrue(command(name).findOption("-v") != null, name + " lacks -v");
        }
    }

    @Test
    void pluginsAcceptsVerbose() {
        Cli.Result r = Cli.run("plugins", "--verbose");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("quadratic"), r.out());
    }

    @Test
    void dataQuietAndPluginsReadTheSameInEveryCommand() {
        for (String name : List.of("train", "sweep", "report", "eval", "slope")) {
            assertEquals("data root holding <dataset>/ folders (default: $DESCENT_DATA, else data/)",
                    command(name).findOption("--data").description()[0], name);
        }
        for (String name : List.of("train", "sweep", "report", "slope")) {
            assertEquals("print only errors and the final result", command(name).findOption("--quiet").description()[0],
                    name);
        }
        for (String name : List.of("train", "sweep", "report", "eval", "predict", "slope", "bench", "plugins")) {
            assertTrue(command(name).findOption("--plugins") != null, name + " lacks --plugins");
        }
    }

    @Test
    void evalAndPredictNameTheirModelArgumentAlike() {
        for (String name : List.of("eval", "predict")) {
            CommandLine.Model.PositionalParamSpec model = command(name).positionalParameters().getFirst();
            assertEquals("MODEL", model.paramLabel(), name);
            assertEquals("a model.safetensors, or the run folder holding it", model.description()[0], name);
        }
    }
}
