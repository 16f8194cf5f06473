package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final byte[] CONTENT = randomBytes(300_000);

    @TempDir
    Path dir;

    private final LocalServer server = new LocalServer();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void downloadsFileWithMatchingChecksum() throws IOException {
        server.serve("good.bin", CONTENT);
        Path folder = dir.resolve("mnist");
        Path file = new Downloader(server.base()).download(DatasetName.MNIST, new RemoteFile("good.bin", md5(CONTENT)),
                folder, progress);
        assertEquals(folder.resolve("good.bin"), file);
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(List.of(file), list(folder), "no temporary file may remain");
        String shown = printed.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains(server.base() + "good.bin") && shown.contains("100%"), shown);
        assertTrue(shown.lines().count() <= 12, "progress should be a few lines, was:\n" + shown);
    }

    @Test
    void downloadsBodyWithoutContentLength() throws IOException {
        server.serve("chunked.bin", CONTENT).chunked("chunked.bin");
        Path file = new Downloader(server.base())
                .download(DatasetName.MNIST, new RemoteFile("chunked.bin", md5(CONTENT)), dir, progress);
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void rejectsWrongChecksumAndKeepsNothing() {
        server.serve("bad.bin", CONTENT);
        String wrong = "0123456789abcdef0123456789abcdef";
        String message = failure(() -> new Downloader(server.base())
                .download(DatasetName.MNIST, new RemoteFile("bad.bin", wrong), dir, progress));
        assertMentions(message, "checksum", "expected MD5 " + wrong, md5(CONTENT), server.base() + "bad.bin");
        assertEquals(List.of(), list(dir));
    }

    @Test
    void rejectsTruncatedBodyAndKeepsNothing() {
        server.serve("cut.bin", CONTENT).truncate("cut.bin", 1000);
        String message = failure(() -> new Downloader(server.base())
                .download(DatasetName.MNIST, new RemoteFile("cut.bin", md5(CONTENT)), dir, progress));
        assertMentions(message, server.base() + "cut.bin", "stopped after", "of " + CONTENT.length + " bytes");
        assertEquals(List.of(), list(dir));
    }

    @Test
    void rejectsStalledDownloadAndKeepsNothing() {
        server.serve("slow.bin", CONTENT).stall("slow.bin", 5_000);
        Downloader impatient = new Downloader(server.base(), Duration.ofSeconds(5), Duration.ofMillis(300));
        String message = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> failure(() -> impatient
                .download(DatasetName.MNIST, new RemoteFile("slow.bin", md5(CONTENT)), dir, progress)));
        assertMentions(message, server.base() + "slow.bin", "stopped after 10 of", "no data");
        assertEquals(List.of(), list(dir));
    }

    @Test
    void reportsHttpStatusWithUrl() {
        String message = failure(() -> new Downloader(server.base())
                .download(DatasetName.MNIST, new RemoteFile("absent.bin", md5(CONTENT)), dir, progress));
        assertEquals("download of " + server.base() + "absent.bin failed: HTTP 404", message);
        assertEquals(List.of(), list(dir));
    }

    @Test
    void explainsHowToWorkOfflineWhenConnectionIsRefused() {
        URI nowhere = LocalServer.refusingBase();
        Path folder = dir.resolve("fashion-mnist");
        String message = failure(() -> new Downloader(nowhere)
                .download(DatasetName.FASHION_MNIST, DatasetName.FASHION_MNIST.trainImages(), folder, progress));
        assertMentions(message, nowhere.toString(), folder.toAbsolutePath().toString(), "DESCENT_DATA", "--data",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
        assertFalse(Files.exists(folder), "an offline run must not create the folder");
    }

    @Test
    void knowsThePublishedLocationsAndChecksums() {
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/", DatasetName.MNIST.baseUrl().toString());
        assertEquals("9fb629c4189551a2d022fa330f9573f3", DatasetName.MNIST.testImages().md5());
        assertEquals("fashion-mnist", DatasetName.FASHION_MNIST.id());
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", DatasetName.FASHION_MNIST.trainImages().md5());
        assertEquals(DatasetName.FASHION_MNIST, DatasetName.of("fashion-mnist", "data.name"));
        String message = failure(() -> DatasetName.of("mnsit", "data.name in configs/seed.yaml"));
        assertEquals("unknown data set 'mnsit' at data.name in configs/seed.yaml; available: mnist, fashion-mnist",
                message);
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String failure(Executable download) {
        DescentException e = assertThrows(DescentException.class, download);
        assertFalse(e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
    }
}
