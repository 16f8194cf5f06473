/**
 * The numerical kernels training spends its time in. {@link dev.descent.kernel.Kernels} is the
 * contract; {@link dev.descent.kernel.ScalarKernels} is its plain-Java specification, and
 * {@code kernel.simd} holds the Vector API implementation tested against it.
 * {@link dev.descent.kernel.KernelProvider} picks one at start-up.
 *
 * <p>Matrices are row-major {@code float[]} starting at index 0; dimensions are passed explicitly
 * and arrays may be longer than needed. Outputs come last.
 */
package dev.descent.kernel;
