package dev.descent.data.table;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.descent.DescentException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The rows and cells of one CSV file, read with Jackson's streaming parser: comma-separated, fields
 * optionally in double quotes (a quoted field may hold commas, quotes doubled, and line breaks),
 * spaces around unquoted fields trimmed, empty lines skipped, UTF-8 with or without a byte-order mark.
 * A cell is handed out as a slice of the parser's buffer, valid until the next call, so that reading
 * a number allocates nothing. Every failure, Jackson's included, becomes a one-line {@link
 * DescentException} naming the file and line.
 */
final class CsvCursor implements AutoCloseable {
    // Without a schema, Jackson exposes each row as an array of strings: START_ARRAY, cells, END_ARRAY.
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private final Path file;
    private final CsvParser parser;

    private CsvCursor(Path file, CsvParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Opens {@code file}, refusing what is not a readable regular file. */
    static CsvCursor open(Path file) {
        if (Files.isDirectory(file)) throw new DescentException(file + " is a folder; expected a CSV file");
        if (!Files.exists(file)) throw new DescentException(file + " does not exist");
        if (!Files.isRegularFile(file)) {
            // A named pipe or a device would block or never end; a table is a plain file.
            throw new DescentException(file + " is not a regular file (a pipe, socket or device); expected a CSV file");
        }
        InputStream in = null;
        try {
            in = Files.newInputStream(file);
            return new CsvCursor(file, FACTORY.createParser(in));
        } catch (NoSuchFileException e) {
            throw new DescentException(file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new DescentException(file + " is not readable; check its permissions");
        } catch (IOException e) {
            closeQuietly(in);
            throw new DescentException(file + " cannot be read (" + e + ")");
        }
    }

    Path file() {
        return file;
    }

    /** Moves to the next row; false at the end of the file. */
    boolean nextRow() {
        JsonToken token = next();
        if (token == null) return false;
        if (token != JsonToken.START_ARRAY) throw new IllegalStateException("expected a row, got " + token);
        return true;
    }

    /** Moves to the next cell of the current row; false after its last cell. */
    boolean nextCell() {
        JsonToken token = next();
        if (token == JsonToken.VALUE_STRING) return true;
        if (token == JsonToken.END_ARRAY) return false;
        throw new IllegalStateException("expected a cell, got " + token);
    }

    /** The current cell's characters, from {@link #offset()} for {@link #length()}; do not keep. */
    char[] chars() {
        try {
            return parser.getTextCharacters();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    int offset() {
        try {
            return parser.getTextOffset();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    int length() {
        try {
            return parser.getTextLength();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current cell as a string. */
    String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * The line the current cell starts on, 1-based; after the last cell of a row, the line of that
     * cell. Asked only for messages, because it allocates.
     */
    int line() {
        JsonLocation at = parser.currentTokenLocation();
        return at.getLineNr() > 0 ? at.getLineNr() : parser.currentLocation().getLineNr();
    }

    private JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private DescentException failure(IOException e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String where = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() : "";
            return new DescentException("%s%s: not valid CSV (%s)".formatted(file, where, j.getOriginalMessage()), e);
        }
        if (e instanceof CharConversionException) {
            return new DescentException("%s line %d: not UTF-8 text (%s)".formatted(file,
                    parser.currentLocation().getLineNr(), e.getMessage()), e);
        }
        return new DescentException("%s cannot be read (%s)".formatted(file, e), e);
    }

    @Override
    public void close() {
        closeQuietly(parser);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            // Everything needed has been read, or the read has already failed with a better message.
        }
    }
}
