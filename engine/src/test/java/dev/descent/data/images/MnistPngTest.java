package dev.descent.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.data.Dataset;
import dev.descent.data.IdxInputs;
import dev.descent.data.MnistExports;
import dev.descent.data.samples.ClassTargets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 of issue 13 for the image-folder door: the 10,000 MNIST test digits written as 28x28 grey
 * PNG files into one folder per label give every image exactly, bit for bit, the input vector that the
 * built-in IDX path feeds the network.
 */
class MnistPngTest {
    @TempDir
    Path dir;

    @Test
    void theMnistTestSetAsPngClassFoldersGivesEveryImageExactlyItsIdxInputs() {
        Dataset test = IdxInputs.mnistTest();
        float[] idx = IdxInputs.inputs(test);
        int size = test.imageSize();
        Path folder = MnistExports.writePngFolders(test, dir.resolve("test"));

        ImageSet set = ImageFolderReader.readTraining(folder, ImageSize.DEFAULT);

        assertEquals(test.count(), set.samples().count());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), set.classes());
        float[] png = set.samples().features();
        ClassTargets targets = (ClassTargets) set.samples().targets();
        for (int s = 0; s < set.samples().count(); s++) {
            int image = MnistExports.imageIndex(set.entries().get(s));
            assertEquals(test.label(image), targets.of(s), set.entries().get(s));
            for (int j = 0; j < size; j++) {
                if (Float.floatToRawIntBits(png[s * size + j]) != Float.floatToRawIntBits(idx[image * size + j])) {
                    throw new AssertionError("image %d pixel %d: IDX %s, PNG %s"
                            .formatted(image, j, idx[image * size + j], png[s * size + j]));
                }
            }
        }
    }
}
