package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DatasetName;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.run.RunFolder;
import dev.descent.spi.ConfigSource;
import dev.descent.spi.Cost;
import dev.descent.spi.Parameter;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A trained model named on the command line: a model file, or a run folder holding
 * {@code model.safetensors}. Its cost comes from the {@code cost} entry of the file's metadata
 * ({@code "quadratic (built-in)"}); the metadata keeps only the name, so when a {@code config.yaml}
 * beside the model names the same cost, its parameters (a Huber delta, say) are taken from there. A cost
 * with parameters and no such config.yaml is refused: its defaults may not be what the model was
 * trained with (Huber's delta 1.0 where the run used 0.5), and the figures would silently differ.
 */
record TrainedModel(Path file, Network network, Map<String, String> metadata, PluginSpec costSpec, Cost cost) {
    static TrainedModel load(Path argument, PluginOptions plugins) {
        Path file = ModelArgument.file(argument);
        ModelFile.Loaded loaded = ModelFile.read(file);
        String recorded = loaded.metadata().get("cost");
        if (recorded == null || recorded.isBlank()) {
            throw new DescentException(file + " records no cost in its metadata; descent needs it to know how the"
                    + " output layer was trained");
        }
        int paren = recorded.indexOf(" (");
        String name = (paren < 0 ? recorded : recorded.substring(0, paren)).strip();
        PluginSpec spec = new PluginSpec(name, Map.of(), "cost", ConfigSource.of("the metadata of " + file));
        String pluginsDir = null;
        boolean fromRun = false;
        Path config = file.resolveSibling(RunFolder.CONFIG);
        if (Files.isRegularFile(config)) {
            ExperimentConfig cfg = ConfigLoader.load(config, List.of());
            if (cfg.cost().name().equals(name)) {
                spec = cfg.cost();
                fromRun = true;
            }
            pluginsDir = cfg.pluginsDir();
        }
        PluginRegistry registry = plugins.registry(pluginsDir);
        if (!fromRun) {
            List<String> parameters = registry.providers(PluginKind.COST).stream()
                    .filter(p -> p.name().equals(name)).flatMap(p -> p.parameters().stream())
                    .map(Parameter::name).toList();
            if (!parameters.isEmpty()) {
                throw new DescentException(file + " was trained with cost " + name + ", whose parameters ("
                        + String.join(", ", parameters) + ") the model file does not record, and there is no "
                        + RunFolder.CONFIG + " of its run beside it" + (Files.isRegularFile(config) ? " (" + config
                        + " names another cost)" : "") + "; give the run folder, or put the run's " + RunFolder.CONFIG
                        + " beside the model");
            }
        }
        Cost cost = registry.cost(spec);
        return new TrainedModel(file, loaded.network(), loaded.metadata(), spec, cost);
    }

    /** "784-16-16-10 sigmoid". */
    String shape() {
        return Arrays.stream(network.sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + " " + network.activation().configName();
    }

    int inputs() {
        return network.size(0);
    }

    int outputs() {
        return network.size(network.depth() - 1);
    }

    /**
     * The data set a model is measured on: {@code option} ({@code --dataset}) when given, else the one its
     * metadata records; a model that records none needs the option.
     */
    static DatasetName dataset(String option, Path file, Map<String, String> metadata) {
        if (option != null) return DatasetName.of(option, "--dataset");
        String recorded = metadata.get("dataset");
        if (recorded == null) {
            throw new DescentException(file + " does not record its data set; give --dataset mnist or"
                    + " --dataset fashion-mnist");
        }
        return DatasetName.of(recorded, "dataset in the metadata of " + file);
    }
}
