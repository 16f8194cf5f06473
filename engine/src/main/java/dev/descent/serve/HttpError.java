package dev.descent.serve;

/** A request the server refuses: the HTTP status and a one-line reason, sent as {@code {"error": reason}}. */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
