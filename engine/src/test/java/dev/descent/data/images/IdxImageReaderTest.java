package dev.descent.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.Dataset;
import dev.descent.data.IdxInputs;
import dev.descent.data.IdxReader;
import dev.descent.data.samples.ClassTargets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxImageReaderTest {
    @TempDir
    Path dir;

    private Path images(String name, int count, int rows, int cols) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols).putInt(IdxReader.IMAGES_MAGIC).putInt(count)
                .putInt(rows).putInt(cols);
        for (int i = 0; b.hasRemaining(); i++) b.put((byte) (i * 31));
        return Files.write(dir.resolve(name), b.array());
    }

    private Path labels(String name, int... labels) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int l : labels) b.put((byte) l);
        return Files.write(dir.resolve(name), b.array());
    }

    private static String failure(Executable read, String... parts) {
        DescentException e = assertThrows(DescentException.class, read);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "message must be one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
        return message;
    }

    @Test
    void readsTheMnistTestSetToExactlyTheInputsOfTheBuiltInPath() {
        Dataset test = IdxInputs.mnistTest();
        Path mnist = Path.of(test.source()).getParent();
        ImageSet set = IdxImageReader.readTraining(mnist.resolve("t10k-images-idx3-ubyte.gz"),
                mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(ImageSize.DEFAULT, set.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), set.classes());
        assertArrayEquals(IdxInputs.inputs(test), set.samples().features());
        ClassTargets targets = (ClassTargets) set.samples().targets();
        for (int i = 0; i < test.count(); i++) assertEquals(test.label(i), targets.of(i));
    }

    @Test
    void readsAnyImageSizeAndLabelsAboveNineAsClassesInNumericOrder() throws IOException {
        // EMNIST letters: labels 1-26, here 3 images of 5x7 with labels 26, 1, 12.
        ImageSet set = IdxImageReader.readTraining(images("i", 3, 5, 7), labels("l", 26, 1, 12));
        assertEquals(new ImageSize(7, 5, 1), set.size());
        assertEquals(List.of("1", "12", "26"), set.classes());
        assertArrayEquals(new int[] {2, 0, 1}, ((ClassTargets) set.samples().targets()).index());
        assertEquals(3 * 35, set.samples().features().length);
        assertEquals((31 & 0xFF) * ImageSet.PIXEL_SCALE, set.samples().features()[1]);
        assertTrue(set.entries().get(2).endsWith("i image 2"), set.entries().get(2));
    }

    @Test
    void readsLabelsUpTo255() throws IOException {
        ImageSet set = IdxImageReader.readTraining(images("i", 2, 1, 1), labels("l", 255, 200));
        assertEquals(List.of("200", "255"), set.classes());
    }

    @Test
    void rejectsATestLabelUnseenInTraining() throws IOException {
        ImageSet training = IdxImageReader.readTraining(images("i", 2, 2, 2), labels("l", 0, 1));
        Path testLabels = labels("tl", 1, 7);
        failure(() -> IdxImageReader.readTest(images("ti", 2, 2, 2), testLabels, training), testLabels.toString(),
                "label 7 of image 1", "their classes are 0, 1");
    }

    @Test
    void rejectsTestImagesOfAnotherSize() throws IOException {
        ImageSet training = IdxImageReader.readTraining(images("i", 2, 2, 2), labels("l", 0, 1));
        Path testImages = images("ti", 2, 3, 2);
        failure(() -> IdxImageReader.readTest(testImages, labels("tl", 0, 1), training), testImages.toString(),
                "2x3 images", "are 2x2x1");
    }

    @Test
    void rejectsASingleClassAndMismatchedCounts() throws IOException {
        Path single = labels("l", 4, 4);
        failure(() -> IdxImageReader.readTraining(images("i", 2, 2, 2), single), single.toString(), "every label is 4");
        failure(() -> IdxImageReader.readTraining(images("i3", 3, 2, 2), labels("l2", 0, 1)), "3 images", "2 labels");
    }

    @Test
    void theMnistLabelReaderStillRefusesLabelsAboveNine() throws IOException {
        Path file = labels("l", 3, 10);
        failure(() -> IdxReader.readLabels(file), "label 10 at byte offset 9; labels must be 0-9");
        failure(() -> IdxReader.readLabels(file, 5), "label 10 at byte offset 9; labels must be 0-4");
        assertEquals(10, IdxReader.readLabels(file, 256)[1]);
    }
}
