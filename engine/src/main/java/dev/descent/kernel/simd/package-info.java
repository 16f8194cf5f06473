/**
 * The Vector API implementation of {@link dev.descent.kernel.Kernels}: the only package in descent
 * that imports {@code jdk.incubator.vector}. {@link dev.descent.kernel.KernelProvider} loads
 * {@link dev.descent.kernel.simd.VectorKernels} by name, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never touches this package and runs the scalar kernels.
 *
 * <p>Every kernel gives the bits of {@link dev.descent.kernel.ScalarKernels} at every width:
 * element-wise kernels repeat the scalar operations lane by lane, the matrix products keep each
 * output's terms in the scalar order, and the long reductions ({@code dot}, {@code gemmTransB} over
 * more than 32 columns) follow the block order that {@link dev.descent.kernel.Kernels} defines.
 *
 * <p>The vector width is {@code FloatVector.SPECIES_PREFERRED} up to 512 bits, or the width forced with
 * {@code -Ddescent.vector.bits=128|256|512} so that narrower paths can be tested on a wider machine.
 */
package dev.descent.kernel.simd;
