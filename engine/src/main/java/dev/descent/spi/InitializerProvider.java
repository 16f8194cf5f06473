package dev.descent.spi;

/** ServiceLoader service for weight and bias initializers ({@code init.weights.name}, {@code init.biases.name}). */
public interface InitializerProvider extends PluginProvider<Initializer> {
}
