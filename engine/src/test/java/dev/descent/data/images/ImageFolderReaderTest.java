package dev.descent.data.images;

import static dev.descent.data.images.ImageSet.PIXEL_SCALE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.samples.ClassTargets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    private static final ImageSize TWO_BY_TWO = new ImageSize(2, 2, 1);

    @TempDir
    Path dir;

    private static String failure(Executable read, String... parts) {
        DescentException e = assertThrows(DescentException.class, read);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "message must be one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
        return message;
    }

    private Path grey(String path, int width, int height, int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return Pictures.write(Pictures.grey(width, height, bytes), "png", dir.resolve(path));
    }

    private static float[] scaled(int... bytes) {
        float[] f = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) f[i] = bytes[i] * PIXEL_SCALE;
        return f;
    }

    @Test
    void readsClassFoldersInNumericOrderAndPicturesByName() {
        grey("train/10/b.png", 2, 2, 1, 2, 3, 4);
        grey("train/10/a.png", 2, 2, 5, 6, 7, 8);
        grey("train/9/z.png", 2, 2, 0, 128, 255, 9);
        ImageSet set = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO);
        assertEquals(List.of("9", "10"), set.classes());
        assertArrayEquals(new int[] {0, 1, 1}, ((ClassTargets) set.samples().targets()).index());
        assertArrayEquals(scaled(0, 128, 255, 9, 5, 6, 7, 8, 1, 2, 3, 4), set.samples().features());
        assertEquals(dir.resolve("train/9/z.png").toString(), set.entries().getFirst());
    }

    @Test
    void shrinksALargerPictureByAveragingTheAreaEachPixelCovers() {
        // 4x4: each 2x2 block is uniform, so the 2x2 result is those four values exactly.
        grey("train/a/big.png", 4, 4, 10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40);
        grey("train/b/checker.png", 4, 4, 0, 255, 0, 255, 255, 0, 255, 0, 0, 255, 0, 255, 255, 0, 255, 0);
        float[] f = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO).samples().features();
        assertArrayEquals(scaled(10, 20, 30, 40), Arrays.copyOfRange(f, 0, 4));
        float half = 127.5f * PIXEL_SCALE;
        assertArrayEquals(new float[] {half, half, half, half}, Arrays.copyOfRange(f, 4, 8), 1e-6f);
    }

    @Test
    void readsColourAsInterleavedRgbOrAsLumaAndGreyAsRepeatedChannels() {
        Pictures.write(Pictures.filled(2, 2, BufferedImage.TYPE_INT_RGB, 0xFF0000), "png",
                dir.resolve("train/red/r.png"));
        grey("train/grey/g.png", 2, 2, 51, 51, 51, 51);
        ImageSet rgb = ImageFolderReader.readTraining(dir.resolve("train"), new ImageSize(2, 2, 3));
        float[] f = rgb.samples().features();
        // Class order: grey, red. Grey 51 repeated in R, G, B; red is (1, 0, 0) in every pixel.
        for (int i = 0; i < 12; i++) assertEquals(51 * PIXEL_SCALE, f[i], "grey input " + i);
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOfRange(f, 12 + 3 * p, 15 + 3 * p));
        }
        ImageSet luma = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO);
        assertEquals((float) (0.299 * 255) * PIXEL_SCALE, luma.samples().features()[4], 1e-6f);
    }

    @Test
    void aGreyPictureStoredAsRgbGivesTheSameInputsAsStoredAsGrey() {
        Pictures.write(Pictures.filled(2, 2, BufferedImage.TYPE_INT_RGB, 0x373737), "png",
                dir.resolve("train/a/rgb.png"));
        grey("train/b/grey.png", 2, 2, 0x37, 0x37, 0x37, 0x37);
        float[] f = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO).samples().features();
        assertArrayEquals(Arrays.copyOfRange(f, 4, 8), Arrays.copyOfRange(f, 0, 4));
    }

    @Test
    void compositesTransparentPixelsOverWhite() {
        Pictures.write(Pictures.filled(2, 2, BufferedImage.TYPE_INT_ARGB, 0x00000000), "png",
                dir.resolve("train/a/clear.png"));
        grey("train/b/black.png", 2, 2, 0, 0, 0, 0);
        float[] f = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO).samples().features();
        assertArrayEquals(scaled(255, 255, 255, 255), Arrays.copyOfRange(f, 0, 4));
    }

    @Test
    void readsJpegPictures() {
        byte[] level = new byte[64];
        Arrays.fill(level, (byte) 200);
        Pictures.write(Pictures.grey(8, 8, level), "jpg", dir.resolve("train/a/x.jpg"));
        grey("train/b/y.png", 2, 2, 0, 0, 0, 0);
        float[] f = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO).samples().features();
        for (int i = 0; i < 4; i++) {
            assertEquals(200 * PIXEL_SCALE, f[i], 2 * PIXEL_SCALE, "JPEG is lossy by a level or two");
        }
    }

    @Test
    void skipsNamesStartingWithADot() throws IOException {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/b/y.png", 2, 2, 1, 2, 3, 4);
        Files.writeString(dir.resolve("train/a/.DS_Store"), "junk");
        Files.createDirectories(dir.resolve("train/.git"));
        assertEquals(2, ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO).samples().count());
    }

    @Test
    void readsATestFolderWithTheTrainingClassesAndSizeEvenWhenAClassIsMissing() {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/b/y.png", 2, 2, 1, 2, 3, 4);
        grey("train/c/z.png", 2, 2, 1, 2, 3, 4);
        grey("test/c/big.png", 4, 4, new int[16]);
        ImageSet training = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO);
        ImageSet test = ImageFolderReader.readTest(dir.resolve("test"), training);
        assertEquals(List.of("a", "b", "c"), test.classes());
        assertArrayEquals(new int[] {2}, ((ClassTargets) test.samples().targets()).index());
        assertEquals(4, test.samples().width());
    }

    // ---- bad input

    @Test
    void rejectsAFolderWithoutClassSubfolders() throws IOException {
        grey("flat/x.png", 2, 2, 1, 2, 3, 4);
        failure(() -> ImageFolderReader.readTraining(dir.resolve("flat"), TWO_BY_TWO), dir.resolve("flat").toString(),
                "has no class subfolders");
        Files.createDirectories(dir.resolve("empty"));
        failure(() -> ImageFolderReader.readTraining(dir.resolve("empty"), TWO_BY_TWO), "has no class subfolders");
    }

    @Test
    void rejectsAPictureBesideTheClassFolders() {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/stray.png", 2, 2, 1, 2, 3, 4);
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO),
                dir.resolve("train/stray.png").toString(), "beside the class folders");
    }

    @Test
    void rejectsAnEmptyClass() throws IOException {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        Files.createDirectories(dir.resolve("train/b"));
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO),
                dir.resolve("train/b").toString(), "class 'b' has no pictures");
    }

    @Test
    void rejectsAFolderInsideAClassFolder() throws IOException {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/b/deeper/y.png", 2, 2, 1, 2, 3, 4);
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO),
                dir.resolve("train/b/deeper").toString(), "inside class folder");
    }

    @Test
    void rejectsAFileThatIsNotAPicture() throws IOException {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/b/y.png", 2, 2, 1, 2, 3, 4);
        Path notes = Files.writeString(dir.resolve("train/b/notes.txt"), "not a picture");
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO), notes.toString(),
                "is not a picture");
    }

    @Test
    void rejectsAPictureWhoseHeaderClaimsAHugeSizeBeforeDecodingIt() throws IOException {
        grey("train/a/x.png", 2, 2, 1, 2, 3, 4);
        Files.createDirectories(dir.resolve("train/b"));
        Path huge = Files.write(dir.resolve("train/b/huge.png"), Pictures.headerOnlyPng(100_000, 100_000));
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO), huge.toString(),
                "100000x100000 pixels by its header");
    }

    @Test
    void rejectsATruncatedPicture() throws IOException {
        Path good = grey("train/a/x.png", 8, 8, new int[64]);
        grey("train/b/y.png", 2, 2, 1, 2, 3, 4);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(good, Arrays.copyOf(bytes, bytes.length / 2));
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO), good.toString(), "damaged");
    }

    @Test
    void rejectsATestClassUnseenInTraining() {
        grey("train/cat/x.png", 2, 2, 1, 2, 3, 4);
        grey("train/dog/y.png", 2, 2, 1, 2, 3, 4);
        grey("test/cow/z.png", 2, 2, 1, 2, 3, 4);
        ImageSet training = ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO);
        failure(() -> ImageFolderReader.readTest(dir.resolve("test"), training), dir.resolve("test/cow").toString(),
                "'cow' is not a class of the training data", "cat, dog");
    }

    @Test
    void rejectsASingleClass() {
        grey("train/only/x.png", 2, 2, 1, 2, 3, 4);
        failure(() -> ImageFolderReader.readTraining(dir.resolve("train"), TWO_BY_TWO),
                "only one class folder, 'only'");
    }

    @Test
    void rejectsAMissingFolder() {
        failure(() -> ImageFolderReader.readTraining(dir.resolve("nope"), TWO_BY_TWO), "does not exist");
    }

    @Test
    void rejectsAnImageSizeOutsideItsRange() {
        failure(() -> new ImageSize(28, 28, 2), "data.image.channels is 2", "1 (grey) or 3 (RGB)");
        failure(() -> new ImageSize(0, 28, 1), "data.image is 0x28");
    }
}
