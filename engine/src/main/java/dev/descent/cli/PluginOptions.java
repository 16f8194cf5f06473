package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.model.PluginSource;
import dev.descent.spi.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
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
        Path dir = folder(configured);
        List<Path> jars;
        try {
            jars = dir == null ? List.of() : PluginRegistry.jarsIn(dir);
        } catch (DescentException e) {
            String from = folder != null ? "--plugins " + folder
                    : configured != null ? "plugins.dir in the config, relative to its folder"
                    : "$" + ENVIRONMENT;
            throw new DescentException(e.getMessage() + " (from " + from + ")", e);
        }
        return PluginRegistry.load(PluginRegistry.class.getClassLoader(), jars);
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
