/**
 * The Vector API implementation of {@link dev.descent.kernel.Kernels}: the only package in descent
 * that imports {@code jdk.incubator.vector}. {@link dev.descent.kernel.KernelProvider} loads
 * {@link dev.descent.kernel.simd.VectorKernels} by name, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never touches this package and runs the scalar kernels.
 *
 * <p>Element-wise kernels (activations, derivatives, byte conversion, axpy) repeat the scalar
 * operations lane by lane and give the same bits as {@link dev.descent.kernel.ScalarKernels}; the
 * reductions ({@code dot}, {@code gemmTransB} over more than 32 columns) add in a different order and
 * agree within rounding.
 *
 * <p>The vector width is {@code FloatVector.SPECIES_PREFERRED}, or the width forced with
 * {@code -Ddescent.vector.bits=256|512} so that narrower paths can be tested on a wider machine.
 */
package dev.descent.kernel.simd;
