package dev.descent.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.data.Dataset;
import dev.descent.data.IdxInputs;
import dev.descent.data.MnistExports;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 of issue 13 for the CSV door: the MNIST test set written as a table (784 pixel columns, each
 * the IDX path's input float as {@link Float#toString} prints it, then the label) reads back to exactly
 * the inputs and labels the IDX path gives. The input is {@code byte * (1f / 255f)}; a table written as
 * {@code byte / 255f} would differ in the last bit for 126 of the 256 byte values.
 */
class MnistCsvTest {
    @TempDir
    Path dir;

    @Test
    void theMnistTestSetAsCsvReadsBackToExactlyTheIdxInputs() {
        Dataset test = IdxInputs.mnistTest();
        float[] idx = IdxInputs.inputs(test);
        Path file = MnistExports.writeCsv(test, dir.resolve("mnist-test.csv"));

        Samples samples = CsvTableReader.readTraining(file, TableColumns.label("label"), Task.CLASSIFICATION).samples();

        assertEquals(test.count(), samples.count());
        assertEquals(784, samples.width());
        float[] csv = samples.features();
        for (int i = 0; i < idx.length; i++) {
            if (Float.floatToRawIntBits(idx[i]) != Float.floatToRawIntBits(csv[i])) {
                throw new AssertionError("image %d pixel %d: IDX %s, CSV %s"
                        .formatted(i / 784, i % 784, idx[i], csv[i]));
            }
        }
        ClassTargets targets = (ClassTargets) samples.targets();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), targets.classes());
        int[] labels = new int[test.count()];
        for (int i = 0; i < labels.length; i++) labels[i] = test.label(i);
        assertArrayEquals(labels, targets.index());
    }
}
