package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Damages safetensors files the way a bad disk, a bad copy or a hostile author would, working on
 * the raw layout ({@code u64 LE header length | JSON header | data}) so that the reader under test
 * is not used to make its own input.
 */
final class SafetensorsEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsEdits() {
    }

    static void truncate(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) length));
    }

    /** Overwrites the 8-byte header length. */
    static void headerLength(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        Files.write(file, bytes);
    }

    /** Replaces the header's bytes, keeping its length, with {@code text} padded by spaces. */
    static void headerText(Path file, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] replacement = text.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(bytes, 8, 8 + length, (byte) ' ');
        System.arraycopy(replacement, 0, bytes, 8, Math.min(length, replacement.length));
        Files.write(file, bytes);
    }

    /** Parses the header, lets {@code edit} change it, and writes it back before the same data. */
    static void editHeader(Path file, Consumer<ObjectNode> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, length, StandardCharsets.UTF_8));
        edit.accept(header);
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + bytes.length - 8 - length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        out.put(bytes, 8 + length, bytes.length - 8 - length);
        Files.write(file, out.array());
    }

    /** Writes {@code value} as the float at index {@code index} of the named tensor. */
    static void setFloat(Path file, String tensor, int index, float value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        var header = JSON.readTree(new String(bytes, 8, length, StandardCharsets.UTF_8));
        long begin = header.get(tensor).get("data_offsets").get(0).asLong();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (8 + length + begin + 4L * index), value);
        Files.write(file, bytes);
    }
}
