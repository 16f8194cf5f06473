package dev.descent.spi;

/** ServiceLoader service for optimizers ({@code training.optimizer.name}). */
public interface OptimizerProvider extends PluginProvider<Optimizer> {
}
