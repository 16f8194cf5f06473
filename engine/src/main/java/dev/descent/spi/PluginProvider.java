package dev.descent.spi;

import java.util.List;

/**
 * A cheap factory for one named plugin. Providers are created by ServiceLoader when the registry
 * loads, so their constructors must do nothing; the work happens in {@link #create}.
 *
 * @param <T> what the plugin builds
 */
public interface PluginProvider<T> {
    /** The name used in configs, in kebab-case: {@code quadratic}, {@code he-normal}. */
    String name();

    /** One line for {@code descent plugins} and for error messages. */
    String description();

    /** The parameters {@link #create} accepts; the registry rejects any other key. */
    List<Parameter> parameters();

    /** Builds the plugin. Every declared parameter is present in {@code parameters}, defaults filled in. */
    T create(Parameters parameters);
}
