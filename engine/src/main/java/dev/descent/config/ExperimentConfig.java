package dev.descent.config;

import dev.descent.spi.PluginSpec;

/**
 * One experiment, as a YAML file under configs/ describes it. {@code pluginsDir} ({@code plugins.dir})
 * is a folder of plugin jars, or null.
 */
public record ExperimentConfig(long seed, DataConfig data, NetworkConfig network, PluginSpec cost,
                               InitConfig init, TrainingConfig training, String pluginsDir) {
    /** The same experiment with other training settings. */
    public ExperimentConfig withTraining(TrainingConfig newTraining) {
        return new ExperimentConfig(seed, data, network, cost, init, newTraining, pluginsDir);
    }
}
