package dev.descent.spark;

/** Settings every Spark test's driver (this JVM) needs. */
final class SparkTests {
    private SparkTests() {
    }

    /** The driver listens on 127.0.0.1 only and starts no web UI. SparkConf reads spark.* system properties. */
    static void bindToLoopback() {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
    }
}
