/**
 * Experiment configuration: YAML files bound into immutable records. {@link dev.descent.config.ConfigLoader}
 * reads a file with Jackson, applies {@code --set key=value} overrides to the tree, then binds it with
 * {@link dev.descent.config.ConfigNode}, which knows the key path of every value so that each error
 * names the file, the key, the value and what is valid. The engine receives only the records.
 */
package dev.descent.config;
