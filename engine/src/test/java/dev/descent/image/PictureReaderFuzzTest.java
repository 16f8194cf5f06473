package dev.descent.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.Fuzz;
import dev.descent.data.images.ImageSize;
import dev.descent.data.images.PictureReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the picture path of {@code data.format: images}, {@link PictureReader#read}, with the inputs of
 * {@link ImageFuzzTest} (pictures in five formats and five colour models, mutated, and PNG headers that
 * claim boundary sizes; it lives in this package to share them), scaled to grey and RGB sizes smaller and
 * larger than the pictures. Every input becomes inputs in [0, 1] or is refused with a {@link
 * DescentException}, and the same bytes read from memory (an upload to {@code descent serve}) give the same.
 */
class PictureReaderFuzzTest {
    private static final List<ImageSize> SIZES = List.of(ImageSize.DEFAULT, new ImageSize(5, 3, 3),
            new ImageSize(1, 1, 1), new ImageSize(64, 40, 3));

    @TempDir
    Path dir;

    @Test
    void everyPictureFileBecomesInputsInTheUnitIntervalOrIsRefusedWithAMessage() throws IOException {
        List<byte[]> seeds = ImageFuzzTest.seeds();
        Path file = dir.resolve("fuzz-picture");
        SplittableRandom sizes = new SplittableRandom(5);
        Fuzz.Result result = Fuzz.bytes("picture-reader", r -> ImageFuzzTest.input(seeds, r), bytes -> {
            Files.write(file, bytes);
            ImageSize size = SIZES.get(sizes.nextInt(SIZES.size()));
            float[] inputs = new float[size.inputs() + 2];
            Arrays.fill(inputs, -1f);
            // An upload's bytes read from memory give the file's inputs, or are refused as the file is.
            float[] uploaded = inputs.clone();
            DescentException uploadRefused = null;
            try {
                PictureReader.read(bytes, "the upload", size, uploaded, 1);
            } catch (DescentException e) {
                uploadRefused = e;
            }
            try {
                PictureReader.read(file, size, inputs, 1);
            } catch (DescentException e) {
                assertNotNull(uploadRefused, "the file is refused (" + e.getMessage() + "), its bytes were not");
                throw e;
            }
            assertNull(uploadRefused, "the file was read, its bytes were refused");
            assertArrayEquals(inputs, uploaded, "the same inputs from the file and from its bytes");
            assertTrue(inputs[0] == -1f && inputs[inputs.length - 1] == -1f, "wrote outside its slice");
            for (int i = 1; i <= size.inputs(); i++) assertTrue(inputs[i] >= 0 && inputs[i] <= 1, "input " + inputs[i]);
        });
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }
}
