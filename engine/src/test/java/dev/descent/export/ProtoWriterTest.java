package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wire format against the worked examples of the protobuf encoding guide. */
class ProtoWriterTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void encodesAVarintFieldAsTagThenSevenBitGroupsLeastSignificantFirst() {
        // Field 1 = 150: tag 0x08, then 150 = 0b1_0010110 -> 0x96 0x01.
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varint(1, 150).toByteArray());
        assertArrayEquals(bytes(0x08, 0x00), new ProtoWriter().varint(1, 0).toByteArray());
    }

    @Test
    void encodesNegativeInt64InTenBytes() {
        assertArrayEquals(bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                new ProtoWriter().varint(1, -1).toByteArray());
    }

    @Test
    void encodesAStringAsTagLengthAndUtf8Bytes() {
        // Field 2 = "testing": tag 0x12, length 7.
        assertArrayEquals(bytes(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'),
                new ProtoWriter().string(2, "testing").toByteArray());
        assertArrayEquals(bytes(0x0A, 0x02, 0xC3, 0xA9), new ProtoWriter().string(1, "\u00e9").toByteArray());
    }

    @Test
    void encodesANestedMessageAfterItsLength() {
        // Field 3 = {field 1 = 150}: 0x1a 0x03 0x08 0x96 0x01.
        assertArrayEquals(bytes(0x1A, 0x03, 0x08, 0x96, 0x01),
                new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray());
    }

    @Test
    void encodesAFloatAsFixed32LittleEndian() {
        // 1.0f = 0x3F800000; field 2, wire type 5: tag 0x15.
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3F), new ProtoWriter().float32(2, 1f).toByteArray());
    }

    @Test
    void encodesLargeFieldNumbersInAVarintTag() {
        // Field 20 (AttributeProto.type), wire type 0: (20 << 3) = 160 -> 0xA0 0x01.
        assertArrayEquals(bytes(0xA0, 0x01, 0x02), new ProtoWriter().varint(20, 2).toByteArray());
    }

    @Test
    void growsPastItsFirstBuffer() {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        byte[] encoded = new ProtoWriter().bytes(9, payload).toByteArray();
        // Tag 0x4A, then 100000 as a varint: 0xA0 0x8D 0x06.
        assertArrayEquals(bytes(0x4A, 0xA0, 0x8D, 0x06), Arrays.copyOf(encoded, 4));
        assertArrayEquals(payload, Arrays.copyOfRange(encoded, 4, encoded.length));
    }

    @Test
    void refusesFieldNumberZero() {
        assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().varint(0, 1));
    }
}
