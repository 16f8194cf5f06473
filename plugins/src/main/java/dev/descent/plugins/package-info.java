/**
 * The built-in plugins, registered in META-INF/services exactly as a user's plugin jar registers its
 * own: the engine finds both the same way.
 *
 * <p>Transcendental functions come from {@link java.lang.StrictMath}: {@code Math.log}, {@code cos},
 * {@code pow} and {@code exp} may differ in the last bit between interpreted and JIT-compiled code,
 * and descent promises that the same config and seed give the same run, bit for bit.
 */
package dev.descent.plugins;
