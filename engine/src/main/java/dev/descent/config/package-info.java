/**
 * Experiment configuration: YAML files bound into immutable records. {@link dev.descent.config.ConfigLoader}
 * reads a file with Jackson (one document, a regular file within the size limit), rewrites the plugin
 * shorthands in the tree ({@code learning-rate: 3.0} is {@code {name: constant, rate: 3.0}}), applies
 * {@code --set key=value} overrides to the tree, then binds it with {@link dev.descent.config.ConfigNode},
 * which knows the key path of every value so that each error names the file, the key, the value, the
 * override that set it and what is valid. The records carry that {@link dev.descent.spi.ConfigSource}
 * for errors found later (a plugin's parameters, checked by the registry). The engine receives only
 * the records.
 */
package dev.descent.config;
