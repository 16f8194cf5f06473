/**
 * The fully connected network: its parameters ({@link dev.descent.network.Network}), the buffers one
 * mini-batch flows through ({@link dev.descent.network.Workspace}), the forward and backward passes
 * ({@link dev.descent.network.Backprop}) and the model file ({@link dev.descent.network.ModelFile}).
 *
 * <p>Weights are stored input-major: layer l's matrix is {@code inputs x outputs}, entry
 * {@code w[k * outputs + j]} connects input k to neuron j. One row is then the contribution of one
 * input to every neuron of the layer, which is what the SIMD kernels stream (16 neurons = one 512-bit
 * vector). Files and initializers use the textbook neuron-major order {@code w[j][k]}; the class
 * transposes at those two borders only.
 */
package dev.descent.network;
