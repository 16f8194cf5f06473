package dev.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** A made-up MNIST folder with 40 training and 20 test images, for tests of the command line. */
public final class TinyMnist {
    private TinyMnist() {
    }

    /** Writes root/mnist/ with the four files and returns root. */
    public static Path write(Path root) throws IOException {
        Path mnist = Files.createDirectories(root.resolve("mnist"));
        writeImages(mnist.resolve("train-images-idx3-ubyte.gz"), 40);
        writeLabels(mnist.resolve("train-labels-idx1-ubyte.gz"), 40, -1);
        writeImages(mnist.resolve("t10k-images-idx3-ubyte.gz"), 20);
        writeLabels(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 20, -1);
        return root;
    }


    static void writeImages(Path file, int count) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(2051).putInt(count).putInt(28).putInt(28);
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) ((i * 31 + i / 784 * 7) % 256);
        gzip(file, header.array(), pixels);
    }

    static void writeLabels(Path file, int count, int badLabel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).putInt(2049).putInt(count);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte) (i % 10);
        if (badLabel >= 0) labels[count / 2] = (byte) badLabel;
        gzip(file, header.array(), labels);
    }

    static void gzip(Path file, byte[] header, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(header);
            out.write(body);
        }
        Files.write(file, bytes.toByteArray());
    }
}
