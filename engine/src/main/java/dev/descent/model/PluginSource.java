package dev.descent.model;

import dev.descent.spi.PluginRegistry;

/**
 * Where a model's plugins come from: the command line's {@code --plugins} (with its fallbacks), or a
 * library user's {@code PluginFolder}. Each says how its user adds the jar a model needs.
 */
public interface PluginSource {
    /** The built-ins and the jars of the plugin folder, given the run config's {@code plugins.dir} (may be null). */
    PluginRegistry registry(String configuredDir);

    /** The end of a missing-plugin message: {@code pass --plugins DIR with that jar}. */
    String howToAddJar();
}
