package com.example.embed;

import dev.descent.api.Experiment;
import dev.descent.api.Model;
import dev.descent.api.Run;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * descent from Java: trains a small digit classifier with {@link Experiment}, loads it with {@link Model}
 * and classifies MNIST's test digits, read from {@code $DESCENT_DATA/mnist}. Exits 1 unless the model's
 * own count of right answers is the one the run measured.
 */
public final class Embed {
    private Embed() {
    }

    public static void main(String[] args) throws IOException {
        Path config = Path.of(args.length > 0 ? args[0] : "digits.yaml");
        Path folder = Files.createTempDirectory("embed-run");
        Run run = Experiment.load(config).set("training.epochs", "2")
                .train(folder, epoch -> System.out.printf("epoch %d: test accuracy %.4f%n",
                        epoch.epoch() + 1, epoch.testAccuracy()));

        Model model = Model.load(folder);
        Path mnist = Path.of(System.getenv("DESCENT_DATA"), "mnist");
        byte[] pixels = idx(mnist.resolve("t10k-images-idx3-ubyte.gz"), 16);   // the bytes after the IDX header
        byte[] labels = idx(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 8);
        float[] input = new float[model.inputSize()];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int p = 0; p < input.length; p++) input[p] = (pixels[i * input.length + p] & 0xFF) * (1f / 255);
            int k = model.classify(input);
            if (k == labels[i]) correct++;
            if (i < 5) System.out.println("test digit " + i + ": " + model.labels().get(k) + " (is " + labels[i] + ")");
        }
        double accuracy = (double) correct / labels.length;
        System.out.printf("%s: %d of %d test digits right, accuracy %.4f (the run measured %.4f)%n", model, correct,
                labels.length, accuracy, run.kept().testAccuracy());
        if (accuracy != run.kept().testAccuracy()) System.exit(1);
    }

    /** The bytes after the header of a gzipped IDX file (16 bytes for images, 8 for labels). */
    private static byte[] idx(Path file, int header) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            new DataInputStream(in).skipNBytes(header);
            return in.readAllBytes();
        }
    }
}
