package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import dev.descent.data.images.ImageSet;
import dev.descent.data.images.ImageSize;
import dev.descent.data.normalize.FeatureScaling;
import dev.descent.data.normalize.Normalization;
import dev.descent.data.normalize.TargetScaling;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.RegressionTargets;
import dev.descent.data.samples.Samples;
import dev.descent.data.samples.Task;
import dev.descent.data.table.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a model file records about its data, and the preprocessing it gives back. */
class DataDescriptionTest {
    @Test
    void aModelFileWithoutTheNewKeysIsOfTheBuiltInMnist() {
        DataDescription d = DataDescription.fromMetadata("old.safetensors",
                Map.of("format", "descent", "layers", "784,30,10", "activation", "sigmoid", "dataset", "mnist"));
        assertEquals(Task.CLASSIFICATION, d.task());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertEquals(ImageSize.DEFAULT, d.image());
        assertEquals(784, d.inputSize());
        assertEquals(Normalization.NONE, d.scaling().method());
        assertTrue(d.featureNames().isEmpty());
        assertEquals("mnist", DataDescription.fromMetadata("older", Map.of()).format());
    }

    @Test
    void fashionMnistModelsKeepTheirGarmentNames() {
        DataDescription d = DataDescription.fromMetadata("f", Map.of("dataset", "fashion-mnist"));
        assertEquals("T-shirt/top", d.classNames().getFirst());
        assertEquals("Ankle boot", d.classNames().getLast());
    }

    @Test
    void aTableDescriptionSurvivesTheMetadataBitForBit() {
        TableSchema schema = new TableSchema("t.csv", List.of("a", "b", "species"), List.of("b", "a"),
                List.of("species"), Task.CLASSIFICATION, List.of("setosa", "virginica"));
        float[] features = {1000.25f, 0.001f, 1003.5f, 0.002f, 999f, 0.0031f};
        FeatureScaling scaling = FeatureScaling.fit(Normalization.STANDARD, features, 2);
        DataDescription d = DataDescription.table(schema, scaling, null);
        Map<String, String> metadata = new LinkedHashMap<>();
        d.toMetadata(metadata);
        DataDescription back = DataDescription.fromMetadata("m", metadata);
        assertEquals(List.of("b", "a"), back.featureNames());
        assertEquals(List.of("setosa", "virginica"), back.classNames());
        assertNull(back.image());
        assertArrayEquals(scaling.shift(), back.scaling().shift());
        assertArrayEquals(scaling.scale(), back.scaling().scale());
        assertEquals(schema.header(), back.schema("m").header());

        float[] raw = {1001f, 0.0015f};
        float[] once = new float[2];
        float[] again = new float[2];
        d.prepareInput(raw, 0, once, 0);
        back.prepareInput(raw, 0, again, 0);
        assertArrayEquals(once, again, 0f);
        float[] training = raw.clone();
        scaling.applyInPlace(training, 0);
        assertArrayEquals(training, once, 0f, "exactly the arithmetic training applied");
    }

    @Test
    void aRegressionMapsItsOutputsBackToTheTargetsUnits() {
        TableSchema schema = new TableSchema("h.csv", List.of("size", "price"), List.of("size"), List.of("price"),
                Task.REGRESSION, List.of());
        TargetScaling targets = TargetScaling.fit(new float[] {100_000f, 300_000f}, 1);
        DataDescription d = DataDescription.fromMetadata("m", metadata(DataDescription.table(schema,
                FeatureScaling.none(1), targets)));
        assertEquals(List.of("price"), d.targetNames());
        float[] output = {0.5f};
        d.toTargetUnits(output, 0);
        assertEquals(250_000f, output[0]);
    }

    @Test
    void pixelsBecomeTheirByteTimesTheScaleOfTheBuiltInPath() {
        DataDescription d = DataDescription.pictures("images", List.of("cat", "dog"), new ImageSize(2, 1, 1),
                FeatureScaling.none(2));
        float[] input = new float[2];
        d.prepareInput(new float[] {255, 7}, 0, input, 0);
        assertArrayEquals(new float[] {255 * ImageSet.PIXEL_SCALE, 7 * ImageSet.PIXEL_SCALE}, input, 0f);
        DataDescription back = DataDescription.fromMetadata("m", metadata(d));
        assertEquals(new ImageSize(2, 1, 1), back.image());
        assertEquals(List.of("cat", "dog"), back.classNames());
    }

    @Test
    void aDamagedDescriptionIsRefusedNamingTheFileAndKey() {
        Map<String, String> metadata = metadata(DataDescription.pictures("images", List.of("a", "b"),
                new ImageSize(2, 2, 1), FeatureScaling.none(4)));
        metadata.put("class_names", "[\"a\"");
        DescentException e = assertThrows(DescentException.class,
                () -> DataDescription.fromMetadata("model.safetensors", metadata));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("class_names"),
                e.getMessage());
    }

    @Test
    void aDatasetOfSamplesKeepsItsTargets() {
        Samples samples = new Samples("s", List.of("x"), 2, 1, new float[] {1, 2},
                new RegressionTargets(List.of("y"), new float[] {3, 4}));
        TableSchema schema = new TableSchema("s", List.of("x", "y"), List.of("x"), List.of("y"), Task.REGRESSION,
                List.of());
        Dataset set = Dataset.samples(samples, DataDescription.table(schema, FeatureScaling.none(1),
                TargetScaling.none(1)));
        assertArrayEquals(new float[] {3, 4}, set.targets(), 0f);
        Samples classes = new Samples("c", List.of("x"), 2, 1, new float[] {1, 2},
                new ClassTargets(List.of("p", "q"), new int[] {1, 0}));
        TableSchema classSchema = new TableSchema("c", List.of("x", "k"), List.of("x"), List.of("k"),
                Task.CLASSIFICATION, List.of("p", "q"));
        Dataset labelled = Dataset.samples(classes, DataDescription.table(classSchema, FeatureScaling.none(1), null));
        assertEquals(1, labelled.label(0));
        assertEquals(0, labelled.subset("one", new int[] {1}).label(0));
    }

    private static Map<String, String> metadata(DataDescription d) {
        Map<String, String> m = new LinkedHashMap<>();
        d.toMetadata(m);
        return m;
    }
}
