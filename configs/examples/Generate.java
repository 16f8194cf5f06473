import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes the example data of configs/examples/ from fixed seeds, so that the committed files can be made
 * again byte for byte: {@code java configs/examples/Generate.java} (JDK 25, from the repository root).
 *
 * <ul>
 *   <li>{@code wines.csv}: 600 made-up wines, three grape varieties (strings) told apart by four
 *       measurements on very different scales (alcohol %, acidity g/l, sulphites mg/l, colour intensity),
 *       each variety a Gaussian cloud around its own means;</li>
 *   <li>{@code shapes/train} and {@code shapes/test}: 12x12 grey PNG drawings of a circle, a cross and a
 *       square, jittered in place, size and stroke, 40 and 10 per class.</li>
 * </ul>
 */
public class Generate {
    private static final String[] VARIETIES = {"merlot", "riesling", "syrah"};
    private static final double[][] MEANS = {{13.2, 5.6, 60, 7.5}, {11.0, 7.8, 110, 2.0}, {14.1, 5.1, 45, 10.5}};
    private static final double[][] SPREADS = {{0.6, 0.5, 15, 1.2}, {0.6, 0.6, 20, 0.6}, {0.6, 0.4, 12, 1.4}};

    public static void main(String[] args) throws IOException {
        Path folder = Path.of("configs/examples");
        wines(folder.resolve("wines.csv"), new SplittableRandom(20261201));
        SplittableRandom random = new SplittableRandom(12);
        shapes(folder.resolve("shapes/train"), 40, random);
        shapes(folder.resolve("shapes/test"), 10, random);
    }

    private static void wines(Path file, SplittableRandom random) throws IOException {
        StringBuilder csv = new StringBuilder("alcohol,acidity,sulphites,colour,variety\n");
        for (int i = 0; i < 600; i++) {
            int v = random.nextInt(VARIETIES.length);
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) x[j] = MEANS[v][j] + SPREADS[v][j] * gaussian(random);
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%.0f,%.2f,%s%n", x[0], x[1], x[2], x[3], VARIETIES[v]));
        }
        Files.writeString(file, csv);
    }

    private static void shapes(Path folder, int perClass, SplittableRandom random) throws IOException {
        for (String shape : new String[] {"circle", "cross", "square"}) {
            Path classFolder = Files.createDirectories(folder.resolve(shape));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 12, 12);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke((float) random.nextDouble(1, 2)));
                int size = random.nextInt(6, 10);
                int x = random.nextInt(1, 12 - size);
                int y = random.nextInt(1, 12 - size);
                switch (shape) {
                    case "circle" -> g.drawOval(x, y, size, size);
                    case "cross" -> {
                        g.drawLine(x, y, x + size, y + size);
                        g.drawLine(x + size, y, x, y + size);
                    }
                    default -> g.drawRect(x, y, size, size);
                }
                g.dispose();
                ImageIO.write(image, "png", classFolder.resolve("%02d.png".formatted(i)).toFile());
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
