package dev.descent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Structured mutations of valid files, for {@link Fuzz}: the edits that break real readers are not
 * random noise but a length changed to a boundary value, a file cut short, a slice repeated or lost.
 */
public final class Mutations {
    /** Integers that sit on the boundaries readers get wrong. */
    public static final int[] INTERESTING_INTS = {0, 1, -1, 2, 7, 8, 16, 28, 255, 256, 784, 1024, 1025, 65535, 65536,
            10_000, 10_001, 1 << 20, Integer.MAX_VALUE, Integer.MAX_VALUE - 8, Integer.MIN_VALUE, 0x7FFF, 0x8000};

    private Mutations() {
    }

    /** One to four edits of {@code original}; never returns the original array. */
    public static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] b = original.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) b = edit(b, r);
        return b;
    }

    private static byte[] edit(byte[] b, SplittableRandom r) {
        int n = b.length;
        switch (r.nextInt(n == 0 ? 1 : 10)) {
            case 0 -> { // append junk
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                return concat(b, junk);
            }
            case 1 -> b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
            case 2 -> b[r.nextInt(n)] = (byte) new int[] {0, 0xFF, 0x7F, 0x80, 1}[r.nextInt(5)];
            case 3 -> { // a boundary integer, big- or little-endian, often over a header field
                if (n >= 4) {
                    int at = r.nextBoolean() ? 4 * r.nextInt(Math.min(n / 4, 8)) : r.nextInt(n - 3);
                    ByteBuffer.wrap(b).order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                            .putInt(at, INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)]);
                }
            }
            case 4 -> { // a boundary 64-bit length, little-endian (safetensors' first field)
                if (n >= 8) {
                    long[] longs = {0, 1, 8, n, n - 8, n + 8L, Long.MAX_VALUE, -1, 1L << 32, 100L << 20};
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(r.nextInt(n - 7), longs[r.nextInt(longs.length)]);
                }
            }
            case 5 -> { // truncate
                return Arrays.copyOf(b, r.nextInt(n));
            }
            case 6 -> { // delete a slice
                int from = r.nextInt(n);
                int to = from + r.nextInt(Math.min(64, n - from) + 1);
                return concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, n));
            }
            case 7 -> { // repeat a slice
                int from = r.nextInt(n);
                int to = from + r.nextInt(Math.min(64, n - from) + 1);
                return concat(concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, to)),
                        Arrays.copyOfRange(b, to, n));
            }
            case 8 -> { // random bytes over a slice
                int from = r.nextInt(n);
                for (int i = from; i < Math.min(n, from + 1 + r.nextInt(8)); i++) b[i] = (byte) r.nextInt(256);
            }
            default -> { // insert random bytes
                int at = r.nextInt(n + 1);
                byte[] junk = new byte[1 + r.nextInt(8)];
                r.nextBytes(junk);
                return concat(concat(Arrays.copyOf(b, at), junk), Arrays.copyOfRange(b, at, n));
            }
        }
        return b;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static <T> T pick(List<T> items, SplittableRandom r) {
        return items.get(r.nextInt(items.size()));
    }
}
