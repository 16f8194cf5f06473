package dev.descent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochMetricsTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("metrics.csv"), text);
    }

    private void assertRejected(String text, String... fragments) throws Exception {
        Path file = csv(text);
        DescentException e = assertThrows(DescentException.class, () -> EpochMetrics.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' in " + e.getMessage());
    }

    @Test
    void readsTheColumnsRunFolderWrites() throws Exception {
        List<EpochMetrics> rows = EpochMetrics.read(csv("""
                epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate,seconds,samples_per_second
                1,0.26,0.17,0.7768,0.0089,3.0,0.42,23450.0
                2,0.12,0.11,0.8556,0.0045,3.0,0.08,129021.0
                """));
        assertEquals(2, rows.size());
        assertEquals(new EpochMetrics(2, 0.12, 0.11, 0.8556, 0.0045, 3.0, Double.NaN, Double.NaN), rows.get(1));
        assertFalse(rows.getFirst().hasValidation());
    }

    @Test
    void readsValidationColumnsWhenPresent() throws Exception {
        List<EpochMetrics> rows = EpochMetrics.read(csv("""
                epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate,seconds,samples_per_second,\
                validation_cost,validation_accuracy
                1,0.26,0.17,0.7768,0.0089,3.0,0.42,23450.0,0.18,0.77
                """));
        assertTrue(rows.getFirst().hasValidation());
        assertEquals(0.77, rows.getFirst().validationAccuracy());
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("metrics.csv");
        DescentException e = assertThrows(DescentException.class, () -> EpochMetrics.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void rejectsAHeaderWithoutARequiredColumn() throws Exception {
        assertRejected("epoch,train_cost,test_cost,gradient_norm,learning_rate\n1,1,1,1,1\n", "test_accuracy");
    }

    @Test
    void rejectsAValueThatIsNotANumber() throws Exception {
        assertRejected("epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate\n1,0.2,abc,0.5,0.1,3\n",
                "line 2", "test_cost", "abc");
    }

    @Test
    void rejectsARowOfTheWrongLength() throws Exception {
        assertRejected("epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate\n1,0.2,0.1\n", "line 2");
    }

    @Test
    void rejectsAFractionalEpoch() throws Exception {
        assertRejected("epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate\n1.5,0.2,0.1,0.5,0.1,3\n",
                "epoch");
    }

    @Test
    void rejectsAFileWithoutEpochs() throws Exception {
        assertRejected("epoch,train_cost,test_cost,test_accuracy,gradient_norm,learning_rate\n", "no epochs");
        assertRejected("", "empty");
    }
}
