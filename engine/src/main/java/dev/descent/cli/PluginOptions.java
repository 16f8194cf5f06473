package dev.descent.cli;

import dev.descent.model.PluginSource;
import dev.descent.spi.PluginRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --plugins DIR}, shared by the commands that load plugins. The folder is, in order: this
 * option, the config's {@code plugins.dir}, the environment variable {@code DESCENT_PLUGINS}; with
 * none of them, only the built-ins load.
 */
final class PluginOptions implements PluginSource {
    static final String ENVIRONMENT = "DESCENT_PLUGINS";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "folder of plugin jars (default: plugins.dir in the config, else $DESCENT_PLUGINS)")
    Path folder;

    @Override
    public PluginRegistry registry(String configured) {
        String from = folder != null ? "--plugins " + folder
                : configured != null ? "plugins.dir in the config, relative to its folder"
                : "$" + ENVIRONMENT;
        return PluginSource.load(folder(configured), from);
    }

    @Override
    public String howToAddJar() {
        return "pass --plugins DIR with that jar";
    }

    /** The plugin folder to load, given the config's {@code plugins.dir} (may be null); null for none. */
    Path folder(String configured) {
        Path dir = folder;
        if (dir == null && configured != null) dir = Path.of(configured);
        if (dir == null) {
            String env = System.getenv(ENVIRONMENT);
            if (env != null && !env.isBlank()) dir = Path.of(env);
        }
        return dir;
    }
}
