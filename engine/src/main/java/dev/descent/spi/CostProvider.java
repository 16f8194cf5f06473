package dev.descent.spi;

/** ServiceLoader service for cost functions ({@code cost.name} in a config). */
public interface CostProvider extends PluginProvider<Cost> {
}
