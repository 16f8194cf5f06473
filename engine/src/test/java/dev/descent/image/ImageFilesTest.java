package dev.descent.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.images.Pictures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pictures: luminance from grey, colour and alpha; refusals before decoding. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path png(String name, BufferedImage image) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    @Test
    void readsGreySamplesAsTheyAreStored() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 0);
        grey.getRaster().setSample(1, 0, 0, 128);
        grey.getRaster().setSample(2, 0, 0, 255);
        GrayImage read = ImageFiles.read(png("grey.png", grey));
        assertEquals(3, read.width());
        assertEquals(0f, read.at(0, 0));
        assertEquals(128 / 255f, read.at(1, 0), 1e-6f);   // getRGB would have said 188
        assertEquals(1f, read.at(2, 0));
    }

    @Test
    void convertsColourToLuminance() throws IOException {
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        rgb.setRGB(1, 0, 0x00ff00);
        rgb.setRGB(2, 0, 0x0000ff);
        GrayImage read = ImageFiles.read(png("rgb.png", rgb));
        assertEquals(0.299f, read.at(0, 0), 1e-6f);
        assertEquals(0.587f, read.at(1, 0), 1e-6f);
        assertEquals(0.114f, read.at(2, 0), 1e-6f);
    }

    @Test
    void compositesTransparencyOverWhite() throws IOException {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000);   // transparent black: paper
        argb.setRGB(1, 0, 0xff000000);   // opaque black: ink
        argb.setRGB(2, 0, 0x80000000);   // half-transparent black
        GrayImage read = ImageFiles.read(png("alpha.png", argb));
        assertEquals(1f, read.at(0, 0));
        assertEquals(0f, read.at(1, 0));
        assertEquals(1 - 128 / 255f, read.at(2, 0), 1e-6f);
    }

    @Test
    void readsJpeg() throws IOException {
        BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) rgb.setRGB(x, y, x < 8 ? 0xffffff : 0x000000);
        }
        Path file = dir.resolve("half.jpg");
        assertTrue(ImageIO.write(rgb, "jpeg", file.toFile()));
        GrayImage read = ImageFiles.read(file);
        assertEquals(1f, read.at(2, 8), 0.05f);
        assertEquals(0f, read.at(13, 8), 0.05f);
    }

    @Test
    void rejectsAFileThatIsNotAPicture() throws IOException {
        Path text = Files.writeString(dir.resolve("digit.png"), "this is not a picture\n");
        DescentException e = assertThrows(DescentException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a picture"),
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        DescentException e = assertThrows(DescentException.class, () -> ImageFiles.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void rejectsAZeroSizeHeader() throws IOException {
        Path zero = Files.write(dir.resolve("zero.png"), Pictures.headerOnlyPng(0, 5));
        DescentException e = assertThrows(DescentException.class, () -> ImageFiles.read(zero));
        assertTrue(e.getMessage().contains(zero.toString()), e.getMessage());
        assertThrows(DescentException.class, () -> ImageFiles.checkSize(zero.toString(), 0, 5));
    }

    @Test
    void rejectsAHugeHeaderBeforeDecoding() throws IOException {
        // No pixel data follows the header: a decoder would fail differently, so this message proves
        // the size was refused first.
        Path huge = Files.write(dir.resolve("huge.png"), Pictures.headerOnlyPng(20_000, 20_000));
        DescentException e = assertThrows(DescentException.class, () -> ImageFiles.read(huge));
        assertTrue(e.getMessage().contains(huge.toString()) && e.getMessage().contains("20000x20000"), e.getMessage());
        Path wide = Files.write(dir.resolve("wide.png"), Pictures.headerOnlyPng(ImageFiles.MAX_SIDE + 1, 10));
        e = assertThrows(DescentException.class, () -> ImageFiles.read(wide));
        assertTrue(e.getMessage().contains("10001x10"), e.getMessage());
        Path gigantic = Files.write(dir.resolve("gigantic.png"),
                Pictures.headerOnlyPng(Integer.MAX_VALUE, Integer.MAX_VALUE));
        e = assertThrows(DescentException.class, () -> ImageFiles.read(gigantic));
        assertTrue(e.getMessage().contains(gigantic.toString()), e.getMessage());
    }

    @Test
    void rejectsMissingFilesAndFolders() {
        DescentException e = assertThrows(DescentException.class, () -> ImageFiles.read(dir.resolve("absent.png")));
        assertTrue(e.getMessage().contains("absent.png") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(DescentException.class, () -> ImageFiles.read(dir));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
    }

    @Test
    void subsamplesOnlyLargePictures() throws IOException {
        assertEquals(1, ImageFiles.subsampling(2000, 2000));
        assertEquals(2, ImageFiles.subsampling(4000, 3000));
        assertEquals(4, ImageFiles.subsampling(7000, 7000));
        BufferedImage big = new BufferedImage(2100, 2000, BufferedImage.TYPE_BYTE_GRAY);
        GrayImage read = ImageFiles.read(png("big.png", big));
        assertEquals(1050, read.width());
        assertEquals(1000, read.height());
    }
}
