package dev.descent.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the kernels once per JVM. The system property {@code descent.kernels} may say
 * {@code scalar}, {@code simd} or {@code auto} (the default: SIMD when the Vector API is readable and
 * its preferred float vector has at least 8 lanes, otherwise scalar with one line on stderr saying
 * why). The SIMD class is loaded by name, so the scalar path never touches an incubator class.
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
                Kernels simd = loadSimd();
                if (simd == null) {
                    throw new IllegalStateException("SIMD kernels requested but " + simdUnavailableReason());
                }
                yield simd;
            }
            case "auto" -> {
                Kernels simd = loadSimd();
                if (simd == null) {
                    System.err.println("descent: using scalar kernels because " + simdUnavailableReason());
                    yield ScalarKernels.INSTANCE;
                }
                yield simd;
            }
            default -> throw new IllegalArgumentException(
                    "unknown kernels '" + choice + "' in -D" + PROPERTY + "; valid: auto, simd, scalar");
        };
    }

    private static Kernels loadSimd() {
        if (!vectorModuleReadable()) return null;
        try {
            Class<?> type = Class.forName(SIMD_CLASS);
            Kernels k = (Kernels) MethodHandles.lookup()
                    .findConstructor(type, MethodType.methodType(void.class)).invoke();
            return k;
        } catch (Throwable t) {
            return null;
        }
    }

    private static boolean vectorModuleReadable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static String simdUnavailableReason() {
        return vectorModuleReadable()
                ? "the Vector API's preferred float vector is narrower than 8 lanes on this CPU"
                : "the Vector API is not enabled: run java with --add-modules jdk.incubator.vector";
    }

    private static final class Holder {
        static final Kernels INSTANCE = forName(System.getProperty(PROPERTY, "auto"));
    }
}
