package dev.descent.bench;

/** The {@code bits} parameter of the benchmarks: one vector width per fork. */
final class Widths {
    private Widths() {
    }

    /**
     * Sets {@code -Ddescent.vector.bits} before the SIMD kernels are loaded. JMH runs each parameter
     * combination in a fresh fork, and the kernels read the property once, when their class loads, so
     * a {@code -p bits=128,256,512} run measures each width in its own JVM.
     */
    static void force(String bits) {
        if (bits != null && !bits.isBlank()) System.setProperty("descent.vector.bits", bits.strip());
    }
}
