package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/run finds the data where DESCENT_DATA says, else in ../shared/data beside the checkout. It runs here in
 * a copy of the checkout up to its first build step: a stand-in mvn prints the data root it was given and
 * stops the script with exit code 3.
 */
class CiDataFolderTest {
    @TempDir
    Path dir;
    Path checkout;
    Path bin;
    Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void checkoutAndStandIns() throws IOException {
        checkout = dir.resolve("checkout");
        Scripts.copy(".ci/run", checkout);
        bin = dir.resolve("bin");
        Scripts.script(bin.resolve("mvn"), "echo \"mvn $* with DESCENT_DATA=$DESCENT_DATA\"\nexit 3\n");
        Scripts.script(bin.resolve("chromium"), "exit 0\n");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
    }

    private Scripts.Result ci() throws Exception {
        return Scripts.run(checkout, bin, environment, checkout.resolve(".ci/run").toString());
    }

    @Test
    void descentDataWinsOverTheDefault() throws Exception {
        Path data = Files.createDirectories(dir.resolve("elsewhere/data"));
        Files.createDirectories(dir.resolve("shared/data"));
        environment.put("DESCENT_DATA", data.toString());
        Scripts.Result r = ci();
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.out().contains("ci: JAVA_HOME=" + System.getProperty("java.home") + " DESCENT_DATA=" + data),
                r.out());
        assertTrue(r.out().contains("mvn -B verify with DESCENT_DATA=" + data), r.out());
    }

    @Test
    void aRelativeDescentDataIsRelativeToWhereCiWasStarted() throws Exception {
        Path data = Files.createDirectories(dir.resolve("elsewhere/data"));
        environment.put("DESCENT_DATA", "data");
        Scripts.Result r = Scripts.run(dir.resolve("elsewhere"), bin, environment,
                checkout.resolve(".ci/run").toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.out().contains("mvn -B verify with DESCENT_DATA=" + data.toRealPath()), r.out());
    }

    @Test
    void withoutDescentDataTheSharedFolderBesideTheCheckoutIsTheDefault() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared/data"));
        environment.put("DESCENT_DATA", null);
        Scripts.Result r = ci();
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.out().contains("mvn -B verify with DESCENT_DATA=" + shared), r.out());
    }

    @Test
    void aMissingDataFolderIsOneLineNamingIt() throws Exception {
        environment.put("DESCENT_DATA", dir.resolve("missing").toString());
        Scripts.Result r = ci();
        assertEquals(1, r.exitCode());
        assertEquals("ci: DESCENT_DATA=" + dir.resolve("missing") + " is not a folder; set it to the data root"
                + " (the folder that holds mnist/)", r.err().strip());
        environment.put("DESCENT_DATA", null);
        Scripts.Result unset = ci();
        assertEquals(1, unset.exitCode());
        assertTrue(unset.err().strip().startsWith("ci: no data at " + checkout + "/../shared/data"),
                unset.err());
        assertEquals(1, unset.err().strip().lines().count(), unset.err());
    }
}
