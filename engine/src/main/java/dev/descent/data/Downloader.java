package dev.descent.data;

import dev.descent.DescentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches a published file over HTTP into a folder: the body goes to a temporary file beside the
 * target while its MD5 is computed, and only a complete file with the published checksum is renamed
 * into place. On any failure the temporary file is deleted and nothing appears under the real name.
 */
public final class Downloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long a response may take to start; a stalled body is caught by the same request timeout. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient client;
    private final Duration requestTimeout;

    public Downloader() {
        this(REQUEST_TIMEOUT);
    }

    public Downloader(Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** Thrown when the server cannot be reached at all: the caller explains how to work offline. */
    public static final class UnreachableException extends DescentException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Downloads {@code baseUrl + file.name()} to {@code folder/file.name()}; progress lines go to {@code progress} if not null. */
    public void download(String baseUrl, RemoteFile file, Path folder, PrintStream progress) {
        URI uri = URI.create(baseUrl + file.name());
        Path target = folder.resolve(file.name());
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + file.name(), ".part");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DescentException("download of " + uri + " failed: HTTP " + response.statusCode());
                }
                long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                long received = copy(body, new DigestOutputStream(Files.newOutputStream(temp), md5), expected,
                        file.name(), progress);
                if (expected >= 0 && received != expected) {
                    throw new DescentException("download of " + uri + " was cut off: received " + received
                            + " of " + expected + " bytes");
                }
                String actual = HexFormat.of().formatHex(md5.digest());
                if (!actual.equalsIgnoreCase(file.md5())) {
                    throw new DescentException("download of " + uri + " has MD5 " + actual + " but the published checksum is "
                            + file.md5() + "; the file was not saved");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (ConnectException | java.nio.channels.UnresolvedAddressException e) {
            throw new UnreachableException("cannot reach " + uri.getHost() + " to download " + file.name(), e);
        } catch (HttpTimeoutException e) {
            throw new UnreachableException("download of " + uri + " timed out", e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                    || e.getCause() instanceof ConnectException) {
                throw new UnreachableException("cannot reach " + uri.getHost() + " to download " + file.name(), e);
            }
            throw new DescentException("download of " + uri + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DescentException("download of " + uri + " was interrupted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover .part file is harmless: it never has the real name.
                }
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long expected, String name, PrintStream progress)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        int lastTenth = -1;
        try (out) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                received += n;
                if (progress != null && expected > 0) {
                    int tenth = (int) (10 * received / expected);
                    if (tenth != lastTenth) {
                        progress.printf("descent: downloading %s %3d%% (%,d of %,d bytes)%n", name, 10 * tenth,
                                received, expected);
                        lastTenth = tenth;
                    }
                }
            }
        }
        return received;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
