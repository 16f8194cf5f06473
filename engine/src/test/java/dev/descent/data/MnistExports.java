package dev.descent.data;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes an IDX data set out through the other doors of issue 13, for tests that hold them to the IDX
 * path: a CSV table and a folder of PNG class folders.
 */
public final class MnistExports {
    private MnistExports() {
    }

    /**
     * {@code data} as a CSV table: a header {@code p0 ... p783,label}, then one row per image in IDX order
     * whose pixel cells are the IDX path's input floats as {@link Float#toString} prints them (so they read
     * back to the same bits) and whose last cell is the label.
     */
    public static Path writeCsv(Dataset data, Path file) {
        float[] inputs = IdxInputs.inputs(data);
        int size = data.imageSize();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < size; j++) line.append('p').append(j).append(',');
            out.append(line).append("label\n");
            for (int i = 0; i < data.count(); i++) {
                line.setLength(0);
                for (int j = 0; j < size; j++) line.append(Float.toString(inputs[i * size + j])).append(',');
                out.append(line).append(Integer.toString(data.label(i))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * {@code data} as picture folders: image i becomes the 8-bit grey PNG {@code folder/LABEL/NNNNN.png},
     * NNNNN being i with five digits, so a reader's entry names the image it came from.
     */
    public static Path writePngFolders(Dataset data, Path folder) {
        int size = data.imageSize();
        int[] samples = new int[size];
        try {
            for (int i = 0; i < data.count(); i++) {
                for (int j = 0; j < size; j++) samples[j] = data.pixels()[i * size + j] & 0xFF;
                BufferedImage image = new BufferedImage(data.cols(), data.rows(), BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSamples(0, 0, data.cols(), data.rows(), 0, samples);
                Path file = folder.resolve(Integer.toString(data.label(i))).resolve("%05d.png".formatted(i));
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** The IDX index of a picture written by {@link #writePngFolders}, from its path. */
    public static int imageIndex(String path) {
        String name = Path.of(path).getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }
}
