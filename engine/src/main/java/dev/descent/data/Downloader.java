package dev.descent.data;

import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Downloads a data set's file over HTTP into its folder. The body goes to a temporary file in the
 * same folder, is checked against the published MD5, and only then is renamed atomically to its
 * name, so a file under its final name is always complete; on any failure the temporary file is
 * deleted.
 */
public final class Downloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI mirror;
    private final Duration connectTimeout;
    private final Duration stallTimeout;

    /** Downloads each data set from its canonical URL, {@link DatasetName#baseUrl()}. */
    public Downloader() {
        this(null);
    }

    /** Downloads every file from {@code mirror} plus its file name instead of the canonical URL; null for canonical. */
    public Downloader(URI mirror) {
        this(mirror, CONNECT_TIMEOUT, STALL_TIMEOUT);
    }

    /**
     * As {@link #Downloader(URI)}; fails when connecting takes longer than {@code connectTimeout} or no byte arrives
     * for {@code stallTimeout}.
     */
    public Downloader(URI mirror, Duration connectTimeout, Duration stallTimeout) {
        this.mirror = mirror;
        this.connectTimeout = connectTimeout;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Downloads {@code file} of data set {@code set} to {@code folder/file.name()}, checking its MD5,
     * and returns that path; prints a few progress lines to {@code progress}.
     */
    public Path download(DatasetName set, RemoteFile file, Path folder, PrintStream progress) {
        URI base = mirror != null ? mirror : set.baseUrl();
        String baseText = base.toString();
        URI url = URI.create(baseText.endsWith("/") ? baseText + file.name() : baseText + "/" + file.name());
        Path target = folder.resolve(file.name());
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            Body body = connect(client, set, url, folder);
            // Only now, with a body on its way, may the folder be created: offline runs leave no trace.
            Path temp = null;
            try {
                Files.createDirectories(folder);
                temp = AtomicFiles.createTempFile(folder, file.name() + ".", ".part");
                receive(body, url, temp, file.md5(), progress);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
                return target;
            } catch (IOException e) {
                throw new DescentException("cannot write %s to %s (%s)".formatted(file.name(), folder, reason(e)));
            } finally {
                body.cancel();
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException e) {
                        // The original failure is what the user needs to see; a stray .part file is harmless.
                    }
                }
            }
        }
    }

    private Body connect(HttpClient client, DatasetName set, URI url, Path folder) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(stallTimeout.plus(connectTimeout)).GET().build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw offline(set, url, folder, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw offline(set, url, folder, e);
            }
            throw new DescentException("download of %s failed (%s)".formatted(url, reason(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DescentException("download of %s was interrupted".formatted(url));
        }
        Body body = new Body(response.headers().firstValueAsLong("Content-Length").orElse(-1));
        response.body().subscribe(body);
        if (response.statusCode() != 200) {
            body.cancel();
            throw new DescentException("download of %s failed: HTTP %d".formatted(url, response.statusCode()));
        }
        return body;
    }

    private void receive(Body body, URI url, Path temp, String md5, PrintStream progress) throws IOException {
        long expected = body.contentLength;
        progress.printf("downloading %s%s%n", url,
                expected >= 0 ? String.format(Locale.ROOT, " (%.1f MB)", expected / 1e6) : "");
        MessageDigest digest = md5();
        long received = 0;
        int shownQuarters = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            for (ByteBuffer buffer = body.next(url, stallTimeout); buffer != null;
                    buffer = body.next(url, stallTimeout)) {
                received += buffer.remaining();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (expected > 0 && received <= expected && received * 4 / expected > shownQuarters) {
                    shownQuarters = (int) (received * 4 / expected);
                    progress.printf("  %d%%%n", shownQuarters * 25);
                }
            }
        } catch (IOException e) {
            if (body.failed()) {
                throw truncated(url, received, expected, e);
            }
            throw e;
        }
        if (expected >= 0 && received != expected) {
            throw truncated(url, received, expected, null);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(md5)) {
            throw new DescentException("download of %s has the wrong checksum: expected MD5 %s, got %s (%d bytes)"
                    .formatted(url, md5, actual, received));
        }
    }

    private static DescentException truncated(URI url, long received, long expected, IOException e) {
        String of = expected >= 0 ? " of " + expected : "";
        String why = e == null ? "" : " (" + reason(e) + ")";
        return new DescentException("download of %s stopped after %d%s bytes%s; try again"
                .formatted(url, received, of, why));
    }

    private static DescentException offline(DatasetName set, URI url, Path folder, Exception e) {
        String names = set.files().stream().map(RemoteFile::name).collect(Collectors.joining(", "));
        return new DescentException(("cannot reach %s (%s); put %s in %s, or set DESCENT_DATA (or --data) "
                + "to a folder whose %s/ subfolder has them").formatted(url, reason(e), names,
                folder.toAbsolutePath(), set.id()));
    }

    /** The most telling message along the cause chain; the HTTP client often wraps a message-less cause. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection failed" : e.getClass().getSimpleName();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Hands the response body over one buffer at a time, so that a stalled server is noticed. */
    private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {
        private static final Object END = new Object();
        final long contentLength; // -1 when the server did not say
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean failed;
        private List<ByteBuffer> current = List.of();
        private int index;

        Body(long contentLength) {
            this.contentLength = contentLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        boolean failed() {
            return failed;
        }

        /** The next non-empty buffer, or null at the end of the body. */
        ByteBuffer next(URI url, Duration stall) throws IOException {
            while (true) {
                while (index < current.size()) {
                    ByteBuffer b = current.get(index++);
                    if (b.hasRemaining()) {
                        return b;
                    }
                }
                Object item;
                try {
                    item = queue.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                    throw new DescentException("download of %s was interrupted".formatted(url));
                }
                if (item == null) {
                    cancel();
                    failed = true;
                    throw new IOException("no data for " + stall.toMillis() + " ms");
                }
                if (item == END) {
                    return null;
                }
                if (item instanceof Throwable t) {
                    failed = true;
                    throw t instanceof IOException io ? io : new IOException(t);
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                current = buffers;
                index = 0;
                subscription.request(1);
            }
        }
    }
}
