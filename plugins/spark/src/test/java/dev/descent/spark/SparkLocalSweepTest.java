package dev.descent.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.cli.Descent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example sweep (configs/sweeps/seed-grid.yaml: 3 learning rates x 2 shapes x 2 seeds, 2
 * epochs each) on Spark in local[2] mode, once reading the data where the driver does and once with the
 * data shipped with the job, gives every trial the bits the local engine gives it.
 */
class SparkLocalSweepTest {
    static final Path EXAMPLE = Path.of("..", "..", "configs", "sweeps", "seed-grid.yaml");

    @TempDir
    static Path dir;
    static String data;
    static Path local;

    @BeforeAll
    static void localEngine() {
        data = sharedData();
        SparkTests.bindToLoopback();
        local = dir.resolve("local");
        Descent.Result r =
                Descent.run("sweep", EXAMPLE.toString(), "--data", data, "--out", local.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err() + r.out());
    }

    static String sharedData() {
        String root = System.getenv("DESCENT_DATA");
        Assumptions.assumeTrue(root != null && Files.isRegularFile(Path.of(root, "mnist/train-images-idx3-ubyte.gz")),
                "needs the shared MNIST data (DESCENT_DATA)");
        return root;
    }

    @Test
    void localTwoGivesEveryTrialTheBitsOfTheLocalEngine() throws IOException {
        Path spark = dir.resolve("spark");
        Descent.Result r = Descent.run("sweep", EXAMPLE.toString(), "--engine", "spark", "--parallel", "2", "--data",
                data, "--out", spark.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("on spark, master local[2]"), r.out());
        assertTrue(r.out().contains("[12/12]"), r.out());
        assertEquals(12, SweepComparison.assertSameTrials(local, spark));
        assertEquals(Files.readString(local.resolve("best.yaml")), Files.readString(spark.resolve("best.yaml")));
    }

    @Test
    void dataShippedWithTheJobGiveTheSameBits() throws IOException {
        Path sweep = dir.resolve("shipped.yaml");
        Files.writeString(sweep, Files.readString(EXAMPLE)
                .replace("base: ../mnist-seed.yaml",
                        "base: " + EXAMPLE.getParent().getParent().resolve("mnist-seed.yaml").toAbsolutePath()
                        .normalize())
                .replace("engine: {name: local, parallel: 2}",
                        "engine: {name: spark, master: \"local[2]\", ship-data: true}"));
        Path spark = dir.resolve("shipped");
        Descent.Result r = Descent.run("sweep", sweep.toString(), "--data", data, "--out", spark.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("data shipped with the job"), r.out());
        assertEquals(12, SweepComparison.assertSameTrials(local, spark));
    }
}
