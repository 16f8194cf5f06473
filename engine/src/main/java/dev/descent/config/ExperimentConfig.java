package dev.descent.config;

import dev.descent.spi.ConfigSource;
import dev.descent.spi.PluginSpec;
import java.util.Objects;

/**
 * One experiment, as a YAML file under configs/ describes it. {@code pluginsDir} ({@code plugins.dir})
 * is a folder of plugin jars, or null; read from a file, it is absolute (resolved against the file's
 * folder). {@code source} names the file and the overrides, for messages about the config found after
 * loading; it is not part of the value: equality ignores it, so that a config read from its file and
 * from a run's config.yaml are equal when they say the same.
 */
public record ExperimentConfig(long seed, DataConfig data, NetworkConfig network, PluginSpec cost,
                               InitConfig init, TrainingConfig training, String pluginsDir, ConfigSource source) {
    public ExperimentConfig {
        if (source == null) source = ConfigSource.NONE;
    }

    /** An experiment built in code, with no file to name in messages. */
    public ExperimentConfig(long seed, DataConfig data, NetworkConfig network, PluginSpec cost, InitConfig init,
                            TrainingConfig training, String pluginsDir) {
        this(seed, data, network, cost, init, training, pluginsDir, ConfigSource.NONE);
    }

    /** The same experiment with other training settings. */
    public ExperimentConfig withTraining(TrainingConfig newTraining) {
        return new ExperimentConfig(seed, data, network, cost, init, newTraining, pluginsDir, source);
    }

    /** The same experiment with another network (its {@code auto} layers resolved from the data). */
    public ExperimentConfig withNetwork(NetworkConfig newNetwork) {
        return new ExperimentConfig(seed, data, newNetwork, cost, init, training, pluginsDir, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentConfig other && seed == other.seed && data.equals(other.data)
                && network.equals(other.network) && cost.equals(other.cost) && init.equals(other.init)
                && training.equals(other.training) && Objects.equals(pluginsDir, other.pluginsDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, data, network, cost, init, training, pluginsDir);
    }
}
