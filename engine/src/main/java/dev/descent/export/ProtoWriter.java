package dev.descent.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protocol-buffer wire format, as far as ONNX's messages need it: varint fields (wire type 0),
 * length-delimited fields (type 2: strings, bytes, nested messages) and 32-bit floats (type 5). A
 * field is its tag {@code (number << 3) | type} as a varint, then its value:
 * <pre>
 *   varint       7 bits a byte, least significant group first, high bit set on every byte but the last
 *   delimited    varint length | the bytes
 *   fixed32      4 bytes little-endian
 * </pre>
 * A nested message is encoded into its own writer first, because its length comes before it.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int DELIMITED = 2;
    private static final int FIXED32 = 5;

    private byte[] bytes = new byte[64];
    private int size;

    /** An int32, int64 or enum field; negative values take ten bytes, as protobuf encodes them. */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, DELIMITED);
        rawVarint(value.length);
        append(value, value.length);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        tag(field, DELIMITED);
        rawVarint(message.size);
        append(message.bytes, message.size);
        return this;
    }

    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        ensure(4);
        for (int i = 0; i < 4; i++) bytes[size++] = (byte) (bits >>> (8 * i));
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void tag(int field, int wireType) {
        if (field < 1) throw new IllegalArgumentException("field numbers start at 1: " + field);
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    private void append(byte[] source, int length) {
        ensure(length);
        System.arraycopy(source, 0, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) throw new IllegalStateException("message larger than 2 GiB");
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
