package dev.descent.cli;

import dev.descent.kernel.Activation;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code descent plugins}: every provider by kind, with its parameters and where it comes from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the cost functions, initializers, learning-rate schedules, optimizers and sweep engines "
                + "that configs and sweep files can name.")
final class PluginsCommand implements Callable<Integer> {
    private static final Set<Activation> ALL_ACTIVATIONS = EnumSet.allOf(Activation.class);

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry = plugins.registry(null);
        for (PluginKind kind : PluginKind.values()) {
            out.printf("%s (%d):%n", kind.label(), registry.providers(kind).size());
            for (PluginProvider<?> p : registry.providers(kind)) {
                String origin = registry.origin(p);
                out.printf("  %-24s %s%s%n", p.name(), p.description(),
                        PluginRegistry.BUILT_IN.equals(origin) ? "" : "  [" + origin + "]");
                for (Parameter parameter : p.parameters()) {
                    out.printf("  %-24s   %s: %s%n", "", parameter.describe(), parameter.description());
                }
                if (p instanceof CostProvider cost && !cost.outputActivations().containsAll(ALL_ACTIVATIONS)) {
                    out.printf("  %-24s   network.activation: %s only%n", "", String.join(" or ",
                            cost.outputActivations().stream().sorted().map(Activation::configName).toList()));
                }
            }
            out.println();
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
