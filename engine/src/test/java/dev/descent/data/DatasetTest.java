package dev.descent.data;

import static dev.descent.data.IdxFiles.gzip;
import static dev.descent.data.IdxFiles.images;
import static dev.descent.data.IdxFiles.labels;
import static dev.descent.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    @Test
    void loadsImagesWithTheirLabels() {
        Path images = write(dir, "images.gz", gzip(images(4, 3, 2)));
        Path labels = write(dir, "labels", labels(4, new byte[] {9, 0, 5, 3}));
        Dataset data = Dataset.load(images, labels);
        assertEquals(4, data.count());
        assertEquals(6, data.imageSize());
        assertEquals(24, data.pixels().length);
        assertEquals(5, data.label(2));
        assertEquals(9, data.labels()[0]);
        assertEquals((byte) (7 * 7), data.pixels()[7]);
    }

    @Test
    void rejectsCountMismatchNamingBothFiles() {
        Path images = write(dir, "images", images(5, 2, 2));
        Path labels = write(dir, "labels", labels(4));
        DescentException e = assertThrows(DescentException.class, () -> Dataset.load(images, labels));
        assertMentions(e.getMessage(), images + " has 5 images", labels + " has 4 labels");
    }

    @Test
    void rejectsImageSizeThatDiffersFromNetworkInput() {
        Path images = write(dir, "images", images(2, 28, 28));
        Path labels = write(dir, "labels", labels(2));
        Dataset data = Dataset.load(images, labels);
        data.requireImageSize(784, "network.layers");
        DescentException e = assertThrows(DescentException.class, () -> data.requireImageSize(100, "network.layers"));
        assertEquals("images in " + images + " are 28x28 = 784 pixels but network.layers starts with 100",
                e.getMessage());
    }

    @Test
    void rejectsLabelsFileWhereImagesBelong() {
        Path labels = write(dir, "labels.gz", gzip(labels(3)));
        DescentException e = assertThrows(DescentException.class, () -> Dataset.load(labels, labels));
        assertMentions(e.getMessage(), labels.toString(),
                "is a labels file (magic 2049) where an images file was expected");
    }

    @Test
    void wrapsInMemoryPixelsWithoutCopying() {
        byte[] pixels = new byte[2 * 4];
        byte[] labels = {3, 8};
        Dataset data = Dataset.of("two squares", pixels, labels, 2, 2);
        assertTrue(data.pixels() == pixels);
        assertEquals(2, data.count());
        assertEquals(8, data.label(1));
    }

    @Test
    void rejectsInMemoryDataOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("bad", new byte[7], new byte[2], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("bad", new byte[4], new byte[] {10}, 2, 2));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' should mention '" + part + "'");
        }
    }
}
