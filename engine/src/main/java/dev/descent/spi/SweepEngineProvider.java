package dev.descent.spi;

/** ServiceLoader service for sweep engines ({@code engine.name} in a sweep file, {@code descent sweep --engine}). */
public interface SweepEngineProvider extends PluginProvider<SweepEngine> {
}
