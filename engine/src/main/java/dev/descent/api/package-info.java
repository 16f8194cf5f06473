/**
 * descent as a Java library: {@link dev.descent.api.Model} loads a trained model and predicts with it,
 * {@link dev.descent.api.Experiment} trains one from an experiment YAML as {@code descent train} does,
 * and {@link dev.descent.api.PluginFolder} adds plugin jars to either. Bad input (a missing file, an
 * unknown config key, a plugin the model needs that is not loaded) is a {@link dev.descent.DescentException}
 * whose message says what, where and how to fix it; a wrongly sized array is an
 * {@link java.lang.IllegalArgumentException}.
 *
 * <p>The SIMD kernels need {@code --add-modules jdk.incubator.vector} on the {@code java} command line;
 * without it descent runs on its scalar kernels, which give the same bits more slowly, and says so in one
 * line on stderr.
 */
package dev.descent.api;
