package dev.descent.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events to every open page: each subscriber has its own queue and its own (virtual) thread
 * that writes it, so a slow page delays nobody, least of all the run. A comment line every
 * {@link #KEEP_ALIVE_SECONDS} finds pages that went away.
 */
final class EventStream {
    static final long KEEP_ALIVE_SECONDS = 15;
    /** Past this many unsent events a page is not reading: it is dropped and reconnects on its own. */
    static final int BACKLOG = 64;
    private static final String END = "";

    private final Set<BlockingQueue<String>> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Queues {@code event} with JSON {@code data} for every open page. */
    void publish(String event, String data) {
        String message = "event: " + event + "\ndata: " + data + "\n\n";
        for (BlockingQueue<String> queue : subscribers) {
            if (!queue.offer(message) || queue.size() > BACKLOG) {
                queue.clear();
                queue.offer(END);
            }
        }
    }

    /** Serves one page until it goes away or the server stops; {@code first} is sent at once. */
    void serve(HttpExchange exchange, String first) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        subscribers.add(queue);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "retry: 2000\n\n" + first);
            while (!closed) {
                String message = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (END.equals(message)) break;
                write(out, message == null ? ": keep-alive\n\n" : message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscribers.remove(queue);
        }
    }

    /** Ends every stream. */
    void close() {
        closed = true;
        for (BlockingQueue<String> queue : subscribers) queue.offer(END);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
