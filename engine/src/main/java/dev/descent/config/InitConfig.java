package dev.descent.config;

import dev.descent.spi.PluginSpec;

/** {@code init.weights} and {@code init.biases}: the initializer plugins. */
public record InitConfig(PluginSpec weights, PluginSpec biases) {
}
