package dev.descent.model;

import dev.descent.DescentException;
import dev.descent.spi.PluginRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a model's plugins come from: the command line's {@code --plugins} (with its fallbacks), or a
 * library user's {@code PluginFolder}. Each says how its user adds the jar a model needs.
 */
public interface PluginSource {
    /** The built-ins and the jars of the plugin folder, given the run config's {@code plugins.dir} (may be null). */
    PluginRegistry registry(String configuredDir);

    /** The end of a missing-plugin message: {@code pass --plugins DIR with that jar}. */
    String howToAddJar();

    /**
     * The built-ins on the engine's class path and the jars in {@code folder} (null: none); a folder that
     * cannot be listed is reported with where it was named, {@code from} ({@code --plugins DIR}).
     */
    static PluginRegistry load(Path folder, String from) {
        List<Path> jars;
        try {
            jars = folder == null ? List.of() : PluginRegistry.jarsIn(folder);
        } catch (DescentException e) {
            throw new DescentException(e.getMessage() + " (from " + from + ")", e);
        }
        return PluginRegistry.load(PluginRegistry.class.getClassLoader(), jars);
    }
}
