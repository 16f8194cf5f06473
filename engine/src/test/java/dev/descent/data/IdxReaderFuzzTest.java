package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.Fuzz;
import dev.descent.Mutations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link IdxReader}: small valid images and labels files, raw or gzip, mutated before or after
 * compression, are read as both kinds. Every input loads (and then holds what its header says) or is
 * refused with a {@link DescentException}; see {@link Fuzz} for the budget.
 */
class IdxReaderFuzzTest {
    @TempDir
    Path dir;

    static byte[] validIdx(SplittableRandom r) {
        if (r.nextBoolean()) {
            int count = r.nextInt(6);
            int rows = 1 + r.nextInt(r.nextBoolean() ? 28 : 4);
            int cols = 1 + r.nextInt(r.nextBoolean() ? 28 : 4);
            ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols).putInt(IdxReader.IMAGES_MAGIC).putInt(count)
                    .putInt(rows).putInt(cols);
            while (b.hasRemaining()) b.put((byte) r.nextInt(256));
            return b.array();
        }
        int count = r.nextInt(40);
        ByteBuffer b = ByteBuffer.allocate(8 + count).putInt(IdxReader.LABELS_MAGIC).putInt(count);
        while (b.hasRemaining()) b.put((byte) r.nextInt(10));
        return b.array();
    }

    /** A valid file, mutated; gzip-compressed before or after the mutation, or not at all. */
    static byte[] input(SplittableRandom r) {
        byte[] valid = validIdx(r);
        return switch (r.nextInt(4)) {
            case 0 -> Mutations.mutate(valid, r);                          // raw
            case 1 -> Mutations.gzip(Mutations.mutate(valid, r));          // intact gzip, damaged content
            case 2 -> Mutations.mutate(Mutations.gzip(valid), r);          // damaged gzip
            default -> r.nextInt(8) == 0 ? valid : Mutations.gzip(valid);   // some valid ones, to prove they load
        };
    }

    @Test
    void everyIdxInputLoadsOrIsRefusedWithAMessage() throws IOException {
        Path file = dir.resolve("fuzz-idx.gz");
        Fuzz.Result result = Fuzz.bytes("idx", IdxReaderFuzzTest::input, bytes -> {
            Files.write(file, bytes);
            boolean loaded = false;
            try {
                IdxReader.Images images = IdxReader.readImages(file);
                assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
                loaded = true;
            } catch (DescentException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
            try {
                byte[] labels = IdxReader.readLabels(file);
                for (byte label : labels) assertTrue(label >= 0 && label <= 9);
                loaded = true;
            } catch (DescentException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
            if (!loaded) throw new DescentException("refused as images and as labels");
        });
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }
}
