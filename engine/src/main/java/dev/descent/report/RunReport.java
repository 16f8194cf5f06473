package dev.descent.report;

import dev.descent.DescentException;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.Dataset;
import dev.descent.io.AtomicFiles;
import dev.descent.network.Network;
import dev.descent.spi.Cost;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes a run folder's report: report.html, curves.png and weights.png, each atomically. */
public final class RunReport {
    public static final String HTML = "report.html";
    public static final String CURVES = "curves.png";
    public static final String WEIGHTS = "weights.png";
    public static final List<String> FILES = List.of(HTML, CURVES, WEIGHTS);

    private RunReport() {
    }

    /**
     * Builds the report of the run in {@code folder} (which must already hold config.yaml, metrics.csv
     * and summary.json) for {@code network}, measured on {@code test}, and writes its three files.
     */
    public static Report write(Path folder, ExperimentConfig config, Network network, Cost cost, Dataset test) {
        Report report = Report.build(folder, config, network, cost, test);
        String html = ReportPage.render(report);
        BufferedImage curves = ReportImages.curves(report);
        BufferedImage weights = ReportImages.weights(report);
        write(folder.resolve(HTML), () -> AtomicFiles.writeString(folder.resolve(HTML), html));
        write(folder.resolve(CURVES), () -> AtomicFiles.write(folder.resolve(CURVES), out -> png(curves, out)));
        write(folder.resolve(WEIGHTS), () -> AtomicFiles.write(folder.resolve(WEIGHTS), out -> png(weights, out)));
        return report;
    }

    private static void png(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this JDK");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(Path file, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new DescentException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
