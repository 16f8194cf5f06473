package dev.descent.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the kernels once per JVM. The system property {@code descent.kernels} may say
 * {@code scalar}, {@code simd} or {@code auto} (the default: SIMD when the Vector API is readable and
 * its preferred float vector has 4, 8 or 16 lanes, otherwise scalar with one line on stderr saying
 * why). The SIMD class is loaded by name, so the scalar path never touches an incubator class. Either
 * gives the same bits (see {@link Kernels}); the choice changes only the speed.
 */
public final class KernelProvider {
    public static final String PROPERTY = "descent.kernels";
    private static final String SIMD_CLASS = "dev.descent.kernel.simd.VectorKernels";

    private KernelProvider() {
    }

    /** The kernels chosen by {@code descent.kernels} for this JVM. */
    public static Kernels get() {
        return Holder.INSTANCE;
    }

    /** The kernels for a given choice, {@code scalar}, {@code simd} or {@code auto}. */
    public static Kernels forName(String choice) {
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "scalar" -> ScalarKernels.INSTANCE;
            case "simd" -> {
                try {
                    yield loadSimd();
                } catch (UnsupportedOperationException e) {
                    throw new IllegalStateException("SIMD kernels requested but " + e.getMessage());
                }
            }
            case "auto" -> {
                try {
                    yield loadSimd();
                } catch (UnsupportedOperationException e) {
                    System.err.println("descent: using scalar kernels because " + e.getMessage());
                    yield ScalarKernels.INSTANCE;
                }
            }
            default -> throw new IllegalArgumentException(
                    "unknown kernels '" + choice + "' in -D" + PROPERTY + "; valid: auto, simd, scalar");
        };
    }

    /** The Vector API kernels, or an UnsupportedOperationException saying why they cannot run here. */
    private static Kernels loadSimd() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new UnsupportedOperationException(
                    "the Vector API is not enabled: run java with --add-modules jdk.incubator.vector");
        }
        try {
            Class<?> type = Class.forName(SIMD_CLASS);
            return (Kernels) MethodHandles.lookup().findConstructor(type, MethodType.methodType(void.class)).invoke();
        } catch (UnsupportedOperationException e) {
            throw e;   // the constructor's own reason: too few lanes, or a bad -Ddescent.vector.bits
        } catch (Throwable t) {
            throw new UnsupportedOperationException("the SIMD kernels failed to load: " + t);
        }
    }

    private static final class Holder {
        static final Kernels INSTANCE = forName(System.getProperty(PROPERTY, "auto"));
    }
}
