package dev.descent.spark;

import java.util.List;

/** Settings every Spark test's driver (this JVM) needs. */
final class SparkTests {
    /** The kernel choices a build may set for its tests (mvn verify -Ddescent.kernels=scalar). */
    private static final List<String> KERNEL_PROPERTIES = List.of("descent.kernels", "descent.vector.bits");

    private SparkTests() {
    }

    /** The driver listens on 127.0.0.1 only and starts no web UI. SparkConf reads spark.* system properties. */
    static void bindToLoopback() {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        passKernelChoiceToExecutors();
    }

    /**
     * Executors in their own JVMs (a standalone cluster's) run this JVM's kernels, as the CLI tests'
     * child JVMs do: a trial's summary names its kernels, which must be the driver's.
     */
    private static void passKernelChoiceToExecutors() {
        StringBuilder options = new StringBuilder();
        for (String name : KERNEL_PROPERTIES) {
            String value = System.getProperty(name);
            if (value != null && !value.isBlank()) options.append(" -D").append(name).append('=').append(value);
        }
        if (!options.isEmpty()) System.setProperty("spark.executor.extraJavaOptions", options.toString().strip());
    }
}
