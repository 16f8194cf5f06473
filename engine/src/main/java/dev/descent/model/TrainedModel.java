package dev.descent.model;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.io.FileKinds;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.run.RunFolder;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.Cost;
import dev.descent.spi.Parameter;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A trained model: a model file, or a run folder holding {@code model.safetensors}, with the cost it was
 * trained with. The cost's name and provenance are the {@code cost} entry of the file's metadata
 * ({@code "huber (built-in)"}), its parameters the {@code cost_parameters} entry ({@code {"delta":0.5}}),
 * so the file alone rebuilds it. Files written before descent recorded parameters take them from a
 * {@code config.yaml} beside the model that names the same cost; a cost with parameters and no such
 * config.yaml is refused, since its defaults may not be what the model was trained with (Huber's delta
 * 1.0 where the run used 0.5) and the figures would silently differ. The network is never mutated.
 */
public record TrainedModel(Path file, Network network, Map<String, String> metadata, PluginSpec costSpec, Cost cost) {
    /** Metadata key of the cost's parameters, a JSON object (see {@code Experiment.pluginParameters}). */
    static final String COST_PARAMETERS = "cost_parameters";

    public TrainedModel {
        metadata = Map.copyOf(metadata);
    }

    /** Loads the model that {@code argument} names, its plugins from {@code plugins}. */
    public static TrainedModel load(Path argument, PluginSource plugins) {
        Path file = file(argument);
        ModelFile.Loaded loaded = ModelFile.read(file);
        String recorded = loaded.metadata().get("cost");
        if (recorded == null || recorded.isBlank()) {
            throw new DescentException(file + " records no cost in its metadata; descent needs it to know how the"
                    + " output layer was trained");
        }
        int paren = recorded.indexOf(" (");
        String name = (paren < 0 ? recorded : recorded.substring(0, paren)).strip();
        String provenance = paren < 0 || !recorded.endsWith(")") ? null
                : recorded.substring(paren + 2, recorded.length() - 1);
        Path config = file.resolveSibling(RunFolder.CONFIG);
        ExperimentConfig run = Files.isRegularFile(config) ? ConfigLoader.load(config, List.of()) : null;
        PluginRegistry registry = plugins.registry(run == null ? null : run.pluginsDir());
        PluginProvider<?> provider = registry.providers(PluginKind.COST).stream()
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> missing(argument, name, provenance, loaded.metadata(), registry, plugins));
        ConfigSource source = ConfigSource.of("the metadata of " + file);
        String parameters = loaded.metadata().get(COST_PARAMETERS);
        PluginSpec spec;
        if (parameters != null) {
            spec = ConfigLoader.pluginFromJson(name, parameters, COST_PARAMETERS, source);
        } else if (run != null && run.cost().name().equals(name)) {
            spec = run.cost();
        } else {
            List<String> declared = provider.parameters().stream().map(Parameter::name).toList();
            if (!declared.isEmpty()) {
                throw new DescentException(file + " was trained with cost " + name + ", whose parameters ("
                        + String.join(", ", declared) + ") the model file does not record (it was written by a"
                        + " descent before 0.2.0), and there is no " + RunFolder.CONFIG + " of its run beside it"
                        + (run != null ? " (" + config + " names another cost)" : "") + "; give the run folder, or"
                        + " put the run's " + RunFolder.CONFIG + " beside the model");
            }
            spec = new PluginSpec(name, Map.of(), "cost", source);
        }
        return new TrainedModel(file, loaded.network(), loaded.metadata(), spec, registry.cost(spec));
    }

    /**
     * The cost plugin a model needs is not loaded: which one, where the model says it came from, and how
     * to add it ({@code model runs/x needs cost 'log-cosh' from acme-logcosh.jar 1.0 (not built in); pass
     * --plugins DIR with that jar}).
     */
    private static DescentException missing(Path argument, String name, String provenance,
                                            Map<String, String> metadata, PluginRegistry registry,
                                            PluginSource plugins) {
        String needs = "model " + argument + " needs cost '" + name + "'";
        Collection<PluginProvider<?>> costs = registry.providers(PluginKind.COST);
        String available = costs.stream().map(PluginProvider::name).collect(Collectors.joining(", "));
        if (PluginRegistry.BUILT_IN.equals(provenance)) {
            if (costs.isEmpty()) {
                return new DescentException(needs + ", a built-in plugin, and no cost plugin is loaded: put"
                        + " descent's built-in plugins (dev.descent:descent-plugins, descent-plugins.jar) on the"
                        + " class path");
            }
            return new DescentException(needs + ", built into descent " + metadata.getOrDefault("descent_version",
                    "(version not recorded)") + " that trained it but not into this one; available: " + available);
        }
        if (provenance == null || provenance.isBlank()) {
            return new DescentException(needs + ", which no loaded plugin provides (the model does not record its"
                    + " jar); " + plugins.howToAddJar() + " that provides it");
        }
        return new DescentException(needs + " from " + provenance + " (not built in); " + plugins.howToAddJar());
    }

    /**
     * The model file that {@code argument} names: the argument itself, or {@code model.safetensors} in
     * it when it is a folder. Anything but a regular file is refused with what it is instead: a pipe
     * would block the reader and a device never ends.
     */
    public static Path file(Path argument) {
        if (Files.isDirectory(argument)) {
            Path file = argument.resolve(RunFolder.MODEL);
            if (Files.isRegularFile(file)) return file;
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new DescentException("run folder " + argument + " holds no " + RunFolder.MODEL);
            }
            throw new DescentException("model " + file + " " + FileKinds.notRegular(file));
        }
        if (!Files.isRegularFile(argument)) {
            throw new DescentException("model " + argument + " " + FileKinds.notRegular(argument)
                    + " (give a model file or a run folder)");
        }
        return argument;
    }

    /** True when {@code other}'s metadata names the same cost with the same parameters as this model's. */
    public boolean sameCost(Map<String, String> other) {
        return metadata.get("cost").equals(other.get("cost"))
                && Objects.equals(metadata.get(COST_PARAMETERS), other.get(COST_PARAMETERS));
    }

    /** "784-16-16-10 sigmoid". */
    public String shape() {
        return Arrays.stream(network.sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + " " + network.activation().configName();
    }

    public int inputs() {
        return network.size(0);
    }

    public int outputs() {
        return network.size(network.depth() - 1);
    }
}
