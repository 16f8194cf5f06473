package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.DataLocator;
import dev.descent.data.Dataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent predict} end to end on real MNIST digits: a seed network trained for a few epochs reads
 * test digits redrawn as pictures (3x larger, dark on white, colour JPEG, light on dark, transparent,
 * off-centre on a wide canvas) nearly as well as it reads the originals; bad pictures are reported one
 * line each with exit code 2 while the good ones are still read.
 */
class PredictCommandTest {
    static final int DIGITS = 500;
    static final int SCALE = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path shared;
    static Path run;
    static Dataset test;

    @BeforeAll
    static void trainTheSeedNetwork() throws IOException {
        Optional<Path> root = Optional.ofNullable(System.getenv(DataLocator.ENV)).map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("mnist/t10k-images-idx3-ubyte.gz")));
        Assumptions.assumeTrue(root.isPresent(), "DESCENT_DATA does not point at the shared data");
        shared = root.get();
        Path config = Files.writeString(dir.resolve("seed.yaml"), """
                seed: 1
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10], activation: sigmoid}
                cost: {name: quadratic}
                training: {epochs: 5, batch-size: 10, learning-rate: 3.0}
                """);
        run = dir.resolve("run");
        Cli.Result r = Cli.run("train", config.toString(), "--data", shared.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        test = Dataset.load(shared.resolve("mnist/t10k-images-idx3-ubyte.gz"),
                shared.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
    }

    /** How test digit {@code i} is drawn: the five variants take turns. */
    enum Style { GREY_PNG, COLOUR_JPEG, LIGHT_ON_DARK, TRANSPARENT, OFF_CENTRE }

    /**
     * Digit {@code i} of the test set, {@link #SCALE} times larger (nearest neighbour or bilinear),
     * in {@code ink} on {@code paper} on a {@code width x height} canvas with its top-left corner at (x, y).
     */
    static BufferedImage draw(int i, int type, int width, int height, int x0, int y0, int paper, int ink,
            boolean bilinear) {
        BufferedImage image = new BufferedImage(width, height, type);
        byte[] pixels = test.pixels();
        int base = i * 784;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                int dx = x - x0;
                int dy = y - y0;
                if (dx >= 0 && dy >= 0 && dx < 28 * SCALE && dy < 28 * SCALE) {
                    v = bilinear ? bilinear(pixels, base, (dx + 0.5) / SCALE - 0.5, (dy + 0.5) / SCALE - 0.5)
                            : (pixels[base + dy / SCALE * 28 + dx / SCALE] & 0xff) / 255.0;
                }
                image.setRGB(x, y, mix(paper, ink, v));
            }
        }
        return image;
    }

    private static double bilinear(byte[] pixels, int base, double fx, double fy) {
        fx = Math.clamp(fx, 0, 27);
        fy = Math.clamp(fy, 0, 27);
        int x = (int) fx;
        int y = (int) fy;
        int x1 = Math.min(x + 1, 27);
        int y1 = Math.min(y + 1, 27);
        double tx = fx - x;
        double ty = fy - y;
        double top = (1 - tx) * (pixels[base + y * 28 + x] & 0xff) + tx * (pixels[base + y * 28 + x1] & 0xff);
        double bottom = (1 - tx) * (pixels[base + y1 * 28 + x] & 0xff) + tx * (pixels[base + y1 * 28 + x1] & 0xff);
        return ((1 - ty) * top + ty * bottom) / 255.0;
    }

    /** ARGB colours blended channel by channel, alpha included: (1 - v) * paper + v * ink. */
    private static int mix(int paper, int ink, double v) {
        int out = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            double c = (1 - v) * ((paper >>> shift) & 0xff) + v * ((ink >>> shift) & 0xff);
            out |= (int) Math.round(c) << shift;
        }
        return out;
    }

    static Path render(Path folder, int i, Style style) throws IOException {
        String name = String.format(Locale.ROOT, "%03d-%s", i, style.name().toLowerCase(Locale.ROOT));
        int side = 28 * SCALE;
        return switch (style) {
            case GREY_PNG -> {
                BufferedImage rgb =
                        draw(i, BufferedImage.TYPE_INT_RGB, side, side, 0, 0, 0xffffffff, 0xff000000, false);
                BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) grey.getRaster().setSample(x, y, 0, rgb.getRGB(x, y) & 0xff);
                }
                yield write(grey, folder.resolve(name + ".png"), "png");
            }
            case COLOUR_JPEG ->
                    write(draw(i, BufferedImage.TYPE_INT_RGB, side, side, 0, 0, 0xfffff8e1, 0xff1a237e, true),
                    folder.resolve(name + ".jpg"), "jpeg");
            case LIGHT_ON_DARK ->
                    write(draw(i, BufferedImage.TYPE_INT_RGB, 130, 110, 30, 12, 0xff202020, 0xfff0f0f0, false),
                    folder.resolve(name + ".png"), "png");
            case TRANSPARENT ->
                    write(draw(i, BufferedImage.TYPE_INT_ARGB, side, side, 0, 0, 0x00000000, 0xff000000, true),
                    folder.resolve(name + ".png"), "png");
            case OFF_CENTRE ->
                    write(draw(i, BufferedImage.TYPE_INT_RGB, 200, 160, 95, 60, 0xffffffff, 0xff505050, true),
                    folder.resolve(name + ".png"), "png");
        };
    }

    private static Path write(BufferedImage image, Path file, String format) throws IOException {
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
        return file;
    }

    /** A data root whose mnist test set is the first {@code count} test digits (training set: the real one). */
    static Path subset(int count) throws IOException {
        Path root = dir.resolve("subset");
        Path mnist = Files.createDirectories(root.resolve("mnist"));
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")) {
            Files.copy(shared.resolve("mnist").resolve(f), mnist.resolve(f));
        }
        TinyMnist.gzip(mnist.resolve("t10k-images-idx3-ubyte.gz"),
                ByteBuffer.allocate(16).putInt(2051).putInt(count).putInt(28).putInt(28).array(),
                Arrays.copyOf(test.pixels(), count * 784));
        TinyMnist.gzip(mnist.resolve("t10k-labels-idx1-ubyte.gz"),
                ByteBuffer.allocate(8).putInt(2049).putInt(count).array(), labelBytes(count));
        return root;
    }

    private static byte[] labelBytes(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte) test.label(i);
        return labels;
    }

    @Test
    void readsRedrawnDigitsNearlyAsWellAsTheOriginals() throws IOException {
        Cli.Result original = Cli.run("eval", run.toString(), "--data", subset(DIGITS).toString(), "--json");
        assertEquals(0, original.exitCode(), original.err());
        double originalAccuracy = JSON.readTree(original.out()).get("accuracy").asDouble();

        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        List<String> args = new ArrayList<>(List.of("predict", run.toString(), "--json"));
        Style[] styles = Style.values();
        for (int i = 0; i < DIGITS; i++) args.add(render(pictures, i, styles[i % styles.length]).toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode results = JSON.readTree(r.out());
        assertEquals(DIGITS, results.size());
        int[] right = new int[styles.length];
        for (int i = 0; i < DIGITS; i++) {
            JsonNode result = results.get(i);
            assertEquals(args.get(3 + i), result.get("file").asText());
            assertEquals(10, result.get("outputs").size());
            if (result.get("digit").asInt() == test.label(i)) right[i % styles.length]++;
        }
        int total = Arrays.stream(right).sum();
        double accuracy = (double) total / DIGITS;
        StringBuilder byStyle = new StringBuilder();
        for (Style s : styles) {
            byStyle.append(String.format(Locale.ROOT, " %s %d/%d", s, right[s.ordinal()], DIGITS / styles.length));
        }
        System.out.printf(Locale.ROOT,
                "predict: %d test digits, originals %.4f, redrawn %.4f (%.1f%% of the originals);%s%n",
                DIGITS, originalAccuracy, accuracy, 100 * accuracy / originalAccuracy, byStyle);
        assertTrue(originalAccuracy > 0.8, "the model learned: " + originalAccuracy);
        assertTrue(accuracy >= 0.95 * originalAccuracy,
                "redrawn " + accuracy + " vs originals " + originalAccuracy + ";" + byStyle);
    }

    @Test
    void printsTheDigitAndTheTenOutputsOfEachPicture() throws IOException {
        Path pictures = Files.createDirectories(dir.resolve("two"));
        Path first = render(pictures, 0, Style.GREY_PNG);
        Path second = render(pictures, 1, Style.LIGHT_ON_DARK);
        Cli.Result r = Cli.run("predict", run.resolve("model.safetensors").toString(), first.toString(),
                second.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        for (int i = 0; i < 2; i++) {
            String line = lines.get(i);
            assertTrue(line.startsWith((i == 0 ? first : second) + ": "), line);
            String[] outputs = line.substring(line.indexOf("outputs ") + 8).split(" ");
            assertEquals(10, outputs.length, line);
            int best = 0;
            for (int j = 1; j < 10; j++) {
                if (Double.parseDouble(outputs[j]) > Double.parseDouble(outputs[best])) best = j;
            }
            assertTrue(line.contains(": " + best + "  outputs"), "the digit is the highest output: " + line);
        }
    }

    @Test
    void showPrintsTheFieldTheNetworkSees() throws IOException {
        Path picture = render(Files.createDirectories(dir.resolve("show")), 3, Style.OFF_CENTRE);
        Cli.Result r = Cli.run("predict", run.toString(), picture.toString(), "--show");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1 + 28, lines.size(), r.out());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("  \\|.{56}\\|")), r.out());
        assertEquals("  |" + " ".repeat(56) + "|", lines.get(1), "the field's top row is background");
        assertTrue(r.out().contains("@@"), "the strongest ink shows: " + r.out());
    }

    @Test
    void reportsEachBadPictureOnOneLineAndStillReadsTheGoodOnes() throws IOException {
        Path pictures = Files.createDirectories(dir.resolve("bad"));
        Path good = render(pictures, 7, Style.GREY_PNG);
        Path text = Files.writeString(pictures.resolve("notes.png"), "not a picture");
        Path empty = Files.write(pictures.resolve("empty.jpg"), new byte[0]);
        BufferedImage paper = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) paper.setRGB(x, y, 0xffffff);
        Path blank = write(paper, pictures.resolve("blank.png"), "png");
        Path huge = Files.write(pictures.resolve("huge.png"), hugePngHeader());
        Path absent = pictures.resolve("absent.png");
        Cli.Result r = Cli.run("predict", run.toString(), text.toString(), good.toString(), empty.toString(),
                blank.toString(), huge.toString(), absent.toString());
        assertEquals(2, r.exitCode(), r.err());
        List<String> errors = r.err().lines().toList();
        assertEquals(5, errors.size(), r.err());
        List<Path> bad = List.of(text, empty, blank, huge, absent);
        for (int i = 0; i < bad.size(); i++) {
            assertTrue(errors.get(i).startsWith("descent: ") && errors.get(i).contains(bad.get(i).toString()),
                    errors.get(i));
        }
        assertTrue(errors.get(2).contains("no digit"), errors.get(2));
        assertTrue(errors.get(3).contains("30000x30000"), errors.get(3));
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.out().startsWith(good + ": " + test.label(7) + "  outputs"), r.out());
    }

    /** A PNG signature and header claiming 30000 x 30000 pixels, and nothing else. */
    private static byte[] hugePngHeader() {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(30_000).putInt(30_000)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void rejectsAMissingModelNamingIt() {
        Cli.Result r = Cli.run("predict", dir.resolve("nowhere").toString(), "x.png");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nowhere") && r.err().strip().lines().count() == 1, r.err());
    }

    @Test
    void rejectsAFileThatIsNotAModel() throws IOException {
        Path notModel = Files.writeString(dir.resolve("model.txt"), "hello, not a model at all");
        Cli.Result r = Cli.run("predict", notModel.toString(), "x.png");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(notModel.toString()) && r.err().strip().lines().count() == 1, r.err());
    }
}
