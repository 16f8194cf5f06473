/**
 * Built-in initializers for weights and biases. The fan-scaled ones (scaled-gaussian, lecun, xavier,
 * he) size their spread from the layer's fan-in and fan-out so activations and gradients keep a
 * steady variance through the layers; all draw from the given generator in index order, so a seed
 * reproduces a network exactly.
 */
package dev.descent.plugins.init;
