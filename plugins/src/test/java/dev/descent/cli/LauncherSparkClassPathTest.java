package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher puts Spark's jars on the class path of the sweeps that run on Spark only, and builds the Spark
 * engine when such a sweep needs it. It runs here in a copy of the checkout whose jars are empty files, with
 * a stand-in java that prints the command line it was given and a stand-in mvn that logs its arguments.
 */
class LauncherSparkClassPathTest {
    private static final String SPARK_CORE = "/m2/spark-core_2.13-4.2.0.jar";

    @TempDir
    Path dir;
    Path checkout;
    Path bin;
    Path mvnLog;
    Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void checkoutWithBuiltJars() throws IOException {
        checkout = dir.resolve("checkout");
        Scripts.copy("descent", checkout);
        Scripts.copy("tools/jdk25.sh", checkout);   // the launcher sources it to find JDK 25
        for (String jar : List.of("engine/target/descent-engine.jar", "plugins/target/descent-plugins.jar")) {
            Files.createDirectories(checkout.resolve(jar).getParent());
            Files.writeString(checkout.resolve(jar), "");
        }
        writeSparkBuild();
        bin = dir.resolve("bin");
        mvnLog = dir.resolve("mvn.log");
        // The stand-in mvn "builds" the Spark engine, as package does: its jar and Spark's class path.
        Scripts.script(bin.resolve("mvn"), """
                echo "$*" >> "%s"
                mkdir -p plugins/spark/target
                : > plugins/spark/target/descent-spark.jar
                echo "%s" > plugins/spark/target/spark-classpath.txt
                """.formatted(mvnLog, SPARK_CORE));
        Path java = Scripts.script(dir.resolve("jdk/bin/java"), """
                case "$*" in
                  *-XshowSettings:properties*) echo "    java.specification.version = 25" >&2 ;;
                  *) printf '%s\\n' "$@" ;;
                esac
                """);
        environment.put("JAVA_HOME", java.getParent().getParent().toString());
        environment.put("JAVA_OPTS", null);
        environment.put("DESCENT_CLASSPATH", null);
        Files.writeString(checkout.resolve("local.yaml"), "base: ../configs/mnist-seed.yaml\nengine: {name: local}\n");
        Files.writeString(checkout.resolve("spark.yaml"), """
                base: ../configs/mnist-seed.yaml
                engine:
                  name: spark
                  parallel: 2
                """);
    }

    private void writeSparkBuild() throws IOException {
        Path target = Files.createDirectories(checkout.resolve("plugins/spark/target"));
        Files.writeString(target.resolve("descent-spark.jar"), "");
        Files.writeString(target.resolve("spark-classpath.txt"), SPARK_CORE + "\n");
    }

    /** The class path the launcher hands to java for {@code descent ARGS}. */
    private String classPath(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = checkout.resolve("descent").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Scripts.Result r = Scripts.run(checkout, bin, environment, command);
        assertEquals(0, r.exitCode(), r.err());
        List<String> javaArgs = r.out().lines().toList();
        assertTrue(javaArgs.contains("dev.descent.cli.Main"), r.out());
        boolean opens = javaArgs.stream().anyMatch(a -> a.startsWith("--add-opens="));
        String cp = javaArgs.get(javaArgs.indexOf("-cp") + 1);
        assertEquals(cp.contains(SPARK_CORE), opens, "Spark's JVM options go with Spark's jars: " + r.out());
        return cp;
    }

    private static boolean hasSpark(String classPath) {
        return classPath.contains(SPARK_CORE) && classPath.contains("descent-spark.jar");
    }

    @Test
    void commandsOtherThanSparkSweepsStartWithoutSparkOnTheClassPath() throws Exception {
        for (String[] args : List.of(new String[] {"train", "configs/mnist-seed.yaml"}, new String[] {"plugins"},
                new String[] {"sweep", "local.yaml"}, new String[] {"sweep", "spark.yaml", "--engine", "local"},
                new String[] {"sweep", "--help"})) {
            String cp = classPath(args);
            assertFalse(cp.contains(SPARK_CORE) || cp.contains("descent-spark"), String.join(" ", args) + ": " + cp);
            assertTrue(cp.contains("descent-engine.jar") && cp.contains("descent-plugins.jar"), cp);
        }
        assertFalse(Files.exists(mvnLog), "nothing was stale, nothing built");
    }

    @Test
    void aSweepOnSparkGetsSparksJarsWhetherByFlagOrByItsFile() throws Exception {
        assertTrue(hasSpark(classPath("sweep", "local.yaml", "--engine", "spark", "--parallel", "2")));
        assertTrue(hasSpark(classPath("sweep", "local.yaml", "--engine=spark")));
        assertTrue(hasSpark(classPath("sweep", "spark.yaml", "--out", "runs/x")));
        Files.writeString(checkout.resolve("flow.yaml"), "base: b.yaml\nengine: {name: spark, master: 'local[2]'}\n");
        assertTrue(hasSpark(classPath("sweep", "flow.yaml")));
        assertFalse(Files.exists(mvnLog), "nothing was stale, nothing built");
    }

    @Test
    void aSparkSweepBuildsTheSparkEngineWhenItIsMissingAndNothingElseDoes() throws Exception {
        Files.delete(checkout.resolve("plugins/spark/target/descent-spark.jar"));
        Files.delete(checkout.resolve("plugins/spark/target/spark-classpath.txt"));
        classPath("train", "configs/mnist-seed.yaml");
        assertFalse(Files.exists(mvnLog), "train does not build Spark");

        String[] command = {checkout.resolve("descent").toString(), "sweep", "local.yaml", "--engine", "spark"};
        Scripts.Result r = Scripts.run(checkout, bin, environment, command);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("building the Spark sweep engine"), r.err());
        assertEquals(List.of("-B -q -DskipTests -Dcheckstyle.skip -pl engine,plugins,plugins/spark -am package"),
                Files.readAllLines(mvnLog));
        assertTrue(hasSpark(r.out().lines().toList().get(r.out().lines().toList().indexOf("-cp") + 1)), r.out());
    }
}
