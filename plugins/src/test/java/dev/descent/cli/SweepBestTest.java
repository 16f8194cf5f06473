package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * best.yaml is the sweep's own pick: the configuration its table ranks first (by the mean over seeds), and
 * of that configuration's trials the best seed, even where another configuration holds the best single trial.
 */
class SweepBestTest {
    @TempDir
    Path dir;

    @Test
    void bestYamlIsTheFirstRankedConfigurationsBestSeedNotTheBestSingleTrial() throws Exception {
        Path data = TinyMnist.write(dir.resolve("data"));
        Files.writeString(dir.resolve("base.yaml"), """
                seed: 3
                data: {dataset: mnist}
                network: {layers: [784, 16, 16, 10], activation: relu}
                cost: {name: softmax-cross-entropy}
                training: {epochs: 2, batch-size: 10, learning-rate: 0.1}
                """);
        // On the tiny set, rate 0.05 has the lowest single test cost (seed 1) but rate 0.4 the lowest mean.
        Path sweep = dir.resolve("sweep.yaml");
        Files.writeString(sweep, """
                base: base.yaml
                grid: {training.learning-rate: [0.05, 0.4]}
                seeds: [1, 2, 3]
                metric: {name: test_cost, goal: minimize}
                """);
        Path out = dir.resolve("out");
        // In a child JVM started as the launcher starts it, which says how descent was started.
        ProcessBuilder child = new ProcessBuilder(ChildDescent.command("sweep", sweep.toString(), "--data",
                data.toString(), "--out", out.toString(), "--quiet")).redirectErrorStream(true);
        child.environment().put("DESCENT_COMMAND", "./descent");
        Process process = child.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), printed);
        assertEquals(0, process.exitValue(), printed);

        List<List<String>> rows = SweepFiles.csv(out.resolve("trials.csv"));
        List<String> ids = SweepFiles.column(rows, "id");
        List<Double> costs = SweepFiles.column(rows, "test_cost").stream().map(Double::parseDouble).toList();
        Map<String, List<Integer>> byConfiguration = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byConfiguration.computeIfAbsent(ids.get(i).replaceFirst("-s\\d+$", ""), k -> new ArrayList<>()).add(i);
        }
        Comparator<List<Integer>> byMean = Comparator.comparingDouble(
                trials -> trials.stream().mapToDouble(costs::get).average().orElseThrow());
        String bestConfiguration = byConfiguration.entrySet().stream()
                .min(Map.Entry.comparingByValue(byMean)).orElseThrow().getKey();
        int bestSeed = byConfiguration.get(bestConfiguration).stream().min(Comparator.comparingDouble(costs::get))
                .orElseThrow();
        int bestSingle = IntStream.range(0, ids.size()).boxed().min(Comparator.comparingDouble(costs::get))
                .orElseThrow();
        assertNotEquals(bestConfiguration, ids.get(bestSingle).replaceFirst("-s\\d+$", ""),
                "the case at hand: the best single trial belongs to another configuration; " + rows);

        String summary = Files.readString(out.resolve("summary.txt"));
        String firstRow = summary.lines().filter(l -> l.matches("\\s+1\\s.*")).findFirst().orElseThrow();
        assertTrue(firstRow.contains(bestConfiguration), "the table ranks it first: " + summary);
        String best = Files.readString(out.resolve("best.yaml"));
        assertTrue(best.startsWith("# The best trial of " + sweep + ": " + ids.get(bestSeed) + ", test_cost "), best);
        assertTrue(best.contains("# \"Best\": the configuration ranked first in summary.txt (by the mean test_cost"),
                best);
        assertTrue(printed.contains("best configuration: " + bestConfiguration + " (training.learning-rate=0.4)"),
                printed);
        assertTrue(printed.contains("best trial: " + ids.get(bestSeed) + ", its best seed"), printed);
        assertTrue(printed.contains("sweep: replay the best trial with: ./descent train " + out.resolve("best.yaml")),
                printed);

        // The replay is that trial.
        Path replay = dir.resolve("replay");
        Cli.Result train = Cli.run("train", out.resolve("best.yaml").toString(), "--data", data.toString(), "--out",
                replay.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.err());
        SweepCommandTest.assertSameRun(out.resolve("trials").resolve(ids.get(bestSeed)), replay);
    }
}
