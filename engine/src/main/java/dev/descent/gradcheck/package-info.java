/**
 * Gradient checking: back-propagation ({@link dev.descent.network.Backprop}, float32, on the configured
 * kernels) held against central finite differences of a float64 reference forward pass of the same
 * network, activation and cost ({@link dev.descent.gradcheck.GradientCheck}), and the finite-difference
 * gradient of a cost plugin's own cost function ({@link dev.descent.gradcheck.CostDifferences}), which
 * {@code descent gradcheck} and the plugin test kit share.
 */
package dev.descent.gradcheck;
