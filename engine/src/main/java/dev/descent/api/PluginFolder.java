package dev.descent.api;

import dev.descent.model.PluginSource;
import dev.descent.spi.PluginRegistry;
import java.nio.file.Path;

/**
 * Where {@link Model} and {@link Experiment} find plugin jars besides the built-ins on the class path:
 * the {@code .jar} files of one folder, each in its own class loader, as {@code descent --plugins DIR}
 * loads them. {@link #builtInsOnly()} (the default) adds none, except that an experiment whose config
 * names a {@code plugins.dir}, or a model whose run's config.yaml does, loads that folder. The
 * environment variable {@code DESCENT_PLUGINS} is not read: a library's plugins are its caller's choice.
 */
public final class PluginFolder {
    private static final PluginFolder NONE = new PluginFolder(null);

    private final Path folder;

    private PluginFolder(Path folder) {
        this.folder = folder;
    }

    /** The jars in {@code folder}; the folder is listed when a model or experiment is loaded. */
    public static PluginFolder of(Path folder) {
        if (folder == null) throw new IllegalArgumentException("folder is null; use PluginFolder.builtInsOnly()");
        return new PluginFolder(folder);
    }

    /** No plugin folder: the built-in plugins on the class path only. */
    public static PluginFolder builtInsOnly() {
        return NONE;
    }

    /** The folder, or null for {@link #builtInsOnly()}. */
    public Path folder() {
        return folder;
    }

    PluginSource source() {
        return new PluginSource() {
            @Override
            public PluginRegistry registry(String configuredDir) {
                Path dir = folder != null ? folder : configuredDir != null ? Path.of(configuredDir) : null;
                return PluginSource.load(dir, folder != null ? "PluginFolder.of(" + folder + ")"
                        : "plugins.dir in the config");
            }

            @Override
            public String howToAddJar() {
                return "pass PluginFolder.of(DIR) with that jar";
            }
        };
    }

    @Override
    public String toString() {
        return folder == null ? "PluginFolder.builtInsOnly()" : "PluginFolder.of(" + folder + ")";
    }
}
