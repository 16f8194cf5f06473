package dev.descent.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.cli.Descent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and two workers, separate JVMs with one core
 * each) runs the shipped example sweep, configs/sweeps/seed-grid.yaml (12 trials of 2 epochs), driven
 * from this JVM; every trial's metrics, summary and model are the bits the local engine gives it.
 * About half a minute, most of it starting JVMs; tagged so that it can be left out with
 * {@code -DexcludedGroups=spark-cluster} (it runs by default, and in CI).
 */
@Tag("spark-cluster")
class SparkStandaloneSweepTest {
    @TempDir
    static Path dir;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        SparkLocalSweepTest.sharedData();
        SparkTests.bindToLoopback();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aStandaloneClusterGivesEveryTrialTheBitsOfTheLocalEngine() throws Exception {
        String data = SparkLocalSweepTest.sharedData();
        Path example = SparkLocalSweepTest.EXAMPLE;
        Path sweep = dir.resolve("cluster.yaml");
        Files.writeString(sweep, Files.readString(example)
                .replace("base: ../mnist-seed.yaml",
                        "base: " + example.getParent().getParent().resolve("mnist-seed.yaml").toAbsolutePath()
                        .normalize())
                .replace("engine: {name: local, parallel: 2}",
                        "engine: {name: spark, master: \"" + cluster.url() + "\"}"));
        Path local = dir.resolve("local");
        Descent.Result reference = Descent.run("sweep", sweep.toString(), "--engine", "local", "--parallel", "2",
                "--data", data, "--out", local.toString(), "--quiet");
        assertEquals(0, reference.exitCode(), reference.err());

        Path spark = dir.resolve("spark");
        Descent.Result r = Descent.run("sweep", sweep.toString(), "--data", data, "--out", spark.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out() + cluster.logs());
        assertTrue(r.out().contains("on spark, master " + cluster.url()), r.out());
        assertEquals(12, SweepComparison.assertSameTrials(local, spark));

        // The trials ran on the workers' executors, not in this JVM: each executor logged its own.
        int executors = 0;
        try (var logs = Files.walk(dir.resolve("cluster"))) {
            for (Path f : logs.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                if (Files.readString(f).contains("Running task")) executors++;
            }
        }
        assertEquals(2, executors, "both workers' executors ran trials");
    }
}
