package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.slope.ParameterRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent slope} end to end on a tiny data set: the slope column is the derivative of the cost
 * column, the descent goes downhill to a flat point, and a bad parameter name exits 2 with the valid ranges.
 */
class SlopeCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path config;

    @BeforeAll
    static void tinyDataSet() throws IOException {
        data = TinyMnist.write(dir.resolve("data"));
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 8, 10]}
                init: {weights: {name: scaled-gaussian}}
                training: {epochs: 2, batch-size: 10, learning-rate: 2.0}
                """);
    }

    private static Cli.Result slope(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("slope", config.toString(), "--data", data.toString(),
                "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        if (!args.contains("--samples")) args.addAll(List.of("--samples", "40"));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Rows of a CSV file without its header, as numbers. */
    private static List<double[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void writesTheFourFilesAndPrintsBothTables() throws IOException {
        Path out = dir.resolve("files");
        Cli.Result r = slope(out, "--param", "layer2.b[3]", "--steps", "8");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("slope.csv", "descent.csv", "slope.html", "slope.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(9, rows(out.resolve("slope.csv")).size());
        assertTrue(r.out().contains("the curve: 9 points") && r.out().contains("the descent: w <- w - 2.000 * slope"),
                r.out());
        assertTrue(r.out().contains("bias of neuron 3 of layer 2"), r.out());
        assertTrue(Files.readString(out.resolve("slope.html")).contains("<svg"));
    }

    /** Central differences of the written curve against its slope column, at every interior point. */
    private static void assertSlopeIsTheCurvesDerivative(Path out) throws IOException {
        List<double[]> curve = rows(out.resolve("slope.csv"));
        double largest = curve.stream().mapToDouble(p -> Math.abs(p[2])).max().orElseThrow();
        assertTrue(largest > 1e-5, "some slope: " + largest);
        for (int i = 1; i < curve.size() - 1; i++) {
            double[] before = curve.get(i - 1);
            double[] at = curve.get(i);
            double[] after = curve.get(i + 1);
            double numeric = (after[1] - before[1]) / (after[0] - before[0]);
            assertEquals(numeric, at[2], 2e-3 * largest + 1e-2 * Math.abs(numeric), "at w = " + at[0]);
        }
    }

    @Test
    void slopeColumnIsTheDerivativeOfTheCostColumn() throws IOException {
        // 200 steps over [-1, 1]: neighbouring points 0.01 apart.
        for (String param : List.of("layer1.w[3,400]", "layer1.b[5]", "layer2.w[7,2]")) {
            Path out = dir.resolve("derivative-" + param);
            Cli.Result r = slope(out, "--param", param, "--range", "-1:1", "--steps", "200", "--max-iterations", "0");
            assertEquals(0, r.exitCode(), r.err());
            assertSlopeIsTheCurvesDerivative(out);
        }
    }

    @Test
    void slopeOfAFusedSoftmaxCostIsItsDerivativeToo() throws IOException {
        Path out = dir.resolve("softmax");
        Cli.Result r = slope(out, "--param", "layer2.w[1,4]", "--range", "-1:1", "--steps", "200", "--max-iterations",
                "0", "--set", "cost.name=softmax-cross-entropy");
        assertEquals(0, r.exitCode(), r.err());
        assertSlopeIsTheCurvesDerivative(out);
    }

    @Test
    void descentGoesDownhillUntilTheSlopeIsFlat() throws IOException {
        Path out = dir.resolve("descent");
        Cli.Result r = slope(out, "--param", "layer2.b[0]", "--tolerance", "1e-4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("converged"), r.out());
        List<double[]> path = rows(out.resolve("descent.csv"));
        assertTrue(path.size() > 2, "took steps: " + path.size());
        assertTrue(Math.abs(path.getLast()[3]) < 1e-4, "flat at the end");
        for (int i = 1; i < path.size(); i++) {
            double[] before = path.get(i - 1);
            double[] after = path.get(i);
            assertEquals(i, (int) after[0]);
            assertTrue(after[2] <= before[2] + 1e-7, "downhill at step " + i);
            // w <- w - eta * slope, with eta the config's learning rate, 2.0.
            assertEquals(before[1] - 2.0 * before[3], after[1], 1e-6 * (1 + Math.abs(after[1])));
        }
        assertTrue(path.getLast()[2] < path.getFirst()[2]);
    }

    @Test
    void rateAndIterationBudgetAreOptions() throws IOException {
        Path out = dir.resolve("budget");
        Cli.Result r = slope(out, "--param", "layer1.w[0,100]", "--rate", "0.5", "--max-iterations", "5", "--tolerance",
                "1e-12", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        List<double[]> path = rows(out.resolve("descent.csv"));
        assertEquals(6, path.size());
        assertEquals(path.get(0)[1] - 0.5 * path.get(0)[3], path.get(1)[1], 1e-6);
        assertTrue(r.out().contains("maximum of 5 steps"), r.out());
        assertFalse(r.out().contains("the curve"), "--quiet leaves the tables out");
    }

    @Test
    void startsFromTheInitialNetworkOrATrainedModel() throws IOException {
        Path fresh = dir.resolve("fresh");
        assertEquals(0, slope(fresh, "--param", "layer2.w[4,6]", "--max-iterations", "0").exitCode());
        Path run = dir.resolve("run");
        Cli.Result trained =
                Cli.run("train", config.toString(), "--data", data.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
        Path fromModel = dir.resolve("from-model");
        Cli.Result r = slope(fromModel, "--param", "layer2.w[4,6]", "--max-iterations", "0", "--model", run.toString());
        assertEquals(0, r.exitCode(), r.err());

        Network model = ModelFile.read(run.resolve("model.safetensors")).network();
        float trainedValue = ParameterRef.parse("layer2.w[4,6]", model.sizes()).get(model);
        assertEquals(trainedValue, (float) rows(fromModel.resolve("descent.csv")).getFirst()[1]);
        assertTrue(rows(fresh.resolve("descent.csv")).getFirst()[1] != trainedValue, "training moved the weight");
        assertTrue(r.out().contains("the model " + run.resolve("model.safetensors")), r.out());
    }

    private static void assertBadInput(Cli.Result r, Path out, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badParametersExitTwoNamingThemAndTheValidRanges() {
        Path out = dir.resolve("never");
        String ranges = "layer1.w[0..7,0..783], layer1.b[0..7], layer2.w[0..9,0..7], layer2.b[0..9]";
        assertBadInput(slope(out, "--param", "layer3.w[0,0]"), out, "'layer3.w[0,0]'", "no layer 3", ranges);
        assertBadInput(slope(out, "--param", "layer1.w[8,0]"), out, "'layer1.w[8,0]'", "neurons 0..7", ranges);
        assertBadInput(slope(out, "--param", "layer2.w[0,8]"), out, "inputs 0..7", ranges);
        assertBadInput(slope(out, "--param", "layer2.b[10]"), out, "neurons 0..9", ranges);
        assertBadInput(slope(out, "--param", "weight 3"), out, "'weight 3'", "expected layerL.w[j,k]", ranges);
    }

    @Test
    void badOptionsExitTwo() {
        Path out = dir.resolve("never");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--range", "4:-4"), out, "--range", "4:-4");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--range", "x"), out, "--range");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--steps", "0"), out, "--steps");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--samples", "41"), out, "--samples 41",
                "40 training images");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--rate", "-1"), out, "--rate");
        assertBadInput(slope(out, "--param", "layer1.b[0]", "--model", dir.resolve("absent").toString()), out,
                "absent");
        assertEquals(2, Cli.run("slope", config.toString()).exitCode(), "--param is required");
    }
}
