package dev.descent.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.Fuzz;
import dev.descent.Mutations;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.RegressionTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link CsvTableReader}: small valid tables (quoted and spaced cells, CRLF, empty lines, string
 * and integer labels) with cells swapped for hostile text, rows repeated, lost or cut, and byte-level
 * mutations, read for classification and regression, as training data and as test data against a
 * fixed training table. Every input loads, and then holds what its rows say, or is refused with a
 * one-line {@link DescentException} naming the file; see {@link Fuzz} for the budget.
 */
class CsvTableReaderFuzzTest {
    private static final List<String> CELLS = List.of("", " ", "\"\"", "\"", "\"a\"\"b\"", "NaN", "Infinity", "1e39",
            "-0", "1e-46", "0x1p3", "1f", "1,5", "\"1,5\"", "abc", "\u00e9", "\uFEFF", "\"x\ny\"", "9".repeat(60),
            "3.4028235E38", "-3.4028235E38", "1.4E-45", "2", "setosa", "a,b,c", "\r", "\n", "\t1\t");

    @TempDir
    Path dir;

    static byte[] validCsv(SplittableRandom r) {
        int columns = 2 + r.nextInt(5);
        int rows = r.nextInt(8);
        String newline = r.nextBoolean() ? "\n" : "\r\n";
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            if (c > 0) text.append(',');
            text.append(r.nextInt(6) == 0 ? "\"col " + c + "\"" : "c" + c);
        }
        text.append(newline);
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(10) == 0) text.append(newline); // an empty line
            for (int c = 0; c < columns; c++) {
                if (c > 0) text.append(',');
                String cell = c == columns - 1 ? label(r) : Float.toString((float) r.nextDouble(-100, 100));
                text.append(switch (r.nextInt(8)) {
                    case 0 -> "\"" + cell + "\"";
                    case 1 -> " " + cell + " ";
                    default -> cell;
                });
            }
            text.append(newline);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String label(SplittableRandom r) {
        return r.nextBoolean() ? Integer.toString(r.nextInt(4))
                : List.of("setosa", "versicolor", "virginica").get(r.nextInt(3));
    }

    /** A valid table with text-level edits (cells swapped, lines repeated or lost) or byte-level mutations. */
    static byte[] input(SplittableRandom r) {
        byte[] valid = validCsv(r);
        return switch (r.nextInt(4)) {
            case 0 -> Mutations.mutate(valid, r);
            case 1, 2 -> editCells(new String(valid, StandardCharsets.UTF_8), r).getBytes(StandardCharsets.UTF_8);
            default -> valid;
        };
    }

    private static String editCells(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = r.nextInt(lines.size());
            switch (r.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.set(at, lines.get(at).substring(0, r.nextInt(lines.get(at).length() + 1)));
                default -> {
                    String[] cells = lines.get(at).split(",", -1);
                    cells[r.nextInt(cells.length)] = Mutations.pick(CELLS, r);
                    lines.set(at, String.join(",", cells));
                }
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void everyCsvInputLoadsOrIsRefusedWithAMessage() throws IOException {
        Path file = dir.resolve("fuzz.csv");
        Path trainFile = Files.writeString(dir.resolve("train.csv"), "c0,c1,c2\n1,2,setosa\n3,4,virginica\n");
        Table training = CsvTableReader.readTraining(trainFile, TableColumns.DEFAULT, Task.CLASSIFICATION);
        Fuzz.Result result = Fuzz.bytes("csv", CsvTableReaderFuzzTest::input, bytes -> {
            Files.write(file, bytes);
            boolean loaded = false;
            for (Task task : Task.values()) {
                try {
                    check(CsvTableReader.readTraining(file, TableColumns.DEFAULT, task).samples());
                    loaded = true;
                } catch (DescentException e) {
                    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                }
            }
            try {
                check(CsvTableReader.readTest(file, training).samples());
                loaded = true;
            } catch (DescentException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
            if (!loaded) throw new DescentException("refused for every task and as test data");
        });
        assertTrue(result.loaded() > 0 && result.refused() > 0, "both outcomes are exercised: " + result);
    }

    /** What every loaded table must hold: finite features of the stated shape, targets in range. */
    private static void check(Samples s) {
        assertEquals((long) s.count() * s.width(), s.features().length);
        assertTrue(s.count() > 0);
        for (float v : s.features()) assertTrue(Float.isFinite(v), "feature " + v);
        switch (s.targets()) {
            case ClassTargets c -> {
                assertTrue(c.classes().size() >= 1);
                for (int i : c.index()) assertTrue(i >= 0 && i < c.classes().size());
            }
            case RegressionTargets t -> {
                for (float v : t.values()) assertTrue(Float.isFinite(v), "target " + v);
            }
        }
    }
}
