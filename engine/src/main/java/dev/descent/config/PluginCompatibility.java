package dev.descent.config;

import dev.descent.DescentException;
import dev.descent.kernel.Activation;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.CostProvider;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The checks that pair a config's plugins with the rest of the config: a cost and the output activation
 * it is defined on ({@link CostProvider#outputActivations}), a schedule and the validation set it
 * watches. Every bound config is checked against the built-in providers, with the file and the
 * {@code --set} in the message; a plugin jar's providers are not loaded at that point, so an
 * experiment checks its config again against its full registry when it resolves its plugins (the
 * config carries its source, so that message names the file and the {@code --set} too).
 */
public final class PluginCompatibility {
    /** A built-in; plugin names are unique across built-ins and jars, so the name identifies it. */
    private static final String REDUCE_ON_PLATEAU = "reduce-on-plateau";

    private PluginCompatibility() {
    }

    /** The built-ins on descent's class path, loaded once, on the first config bound. */
    private static final class BuiltIns {
        static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();
    }

    /** At config load: {@code source} says which file or {@code --set} each key came from. */
    static void checkBuiltIns(ExperimentConfig config, ConfigSource source) {
        checkSchedule(config.training().learningRate(), config.data(), source::describe);
        checkCost(config, BuiltIns.REGISTRY, source::describe);
    }

    /**
     * Against the registry an experiment runs with, a plugin jar's providers included; the config's own
     * source names the file and the {@code --set}.
     */
    public static void check(ExperimentConfig config, PluginRegistry registry) {
        checkCost(config, registry, config.source()::describe);
    }

    /**
     * A reduce-on-plateau schedule told to watch {@code validation-cost} without a validation set would
     * never reduce; refused as {@code training.early-stop} is. Wrapped schedules are checked too.
     */
    private static void checkSchedule(PluginSpec spec, DataConfig data, UnaryOperator<String> where) {
        if (spec.name().equals(REDUCE_ON_PLATEAU) && "validation-cost".equals(spec.parameters().get("metric"))
                && data.validation() == 0) {
            String at = (spec.keyPath() == null ? "" : spec.keyPath() + ".") + "metric";
            throw new DescentException(at + where.apply(at) + " watches a validation set, but data.validation is 0;"
                    + " hold out samples, e.g. data.validation: 5000, or watch the training cost: metric: train-cost");
        }
        for (Object value : spec.parameters().values()) {
            if (value instanceof PluginSpec nested) checkSchedule(nested, data, where);
        }
    }

    private static void checkCost(ExperimentConfig config, PluginRegistry registry, UnaryOperator<String> where) {
        String name = config.cost().name();
        Activation output = config.network().outputActivation();
        CostProvider provider = costs(registry).stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        // Unknown here: from a jar not loaded yet, or misspelled, which resolving the plugin reports.
        if (provider == null || provider.outputActivations().contains(output)) return;
        String costAt = where.apply("cost.name");
        String key = output == config.network().activation() ? "network.activation" : "network.output-activation";
        String activationAt = where.apply(key);
        List<String> alternatives = costs(registry).stream()
                .filter(p -> p.outputActivations().contains(output)).map(PluginProvider::name).toList();
        Set<Activation> supported = provider.outputActivations();
        List<String> fixes = new ArrayList<>();
        supported.stream().sorted().findFirst().ifPresent(a -> fixes.add(key + ": " + a.configName()));
        if (!alternatives.isEmpty()) {
            fixes.add("a cost defined on " + output.configName() + " outputs: " + String.join(", ", alternatives));
        }
        throw new DescentException("cost '" + name + "' at cost.name" + (costAt.equals(activationAt) ? "" : costAt)
                + " is defined on " + (supported.isEmpty() ? "no" : names(supported)) + " outputs, but"
                + " " + key + " is " + output.configName() + activationAt
                + (fixes.isEmpty() ? "" : "; use " + String.join(", or ", fixes)));
    }

    private static List<CostProvider> costs(PluginRegistry registry) {
        return registry.providers(PluginKind.COST).stream().map(CostProvider.class::cast).toList();
    }

    private static String names(Set<Activation> activations) {
        return String.join(" or ", activations.stream().sorted().map(Activation::configName).toList());
    }
}
