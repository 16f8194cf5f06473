package dev.descent.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.data.Dataset;
import dev.descent.data.IdxInputs;
import dev.descent.data.samples.ClassTargets;
import java.nio.file.Path;
import java.util.Arrays;
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
        Path folder = dir.resolve("test");
        for (int i = 0; i < test.count(); i++) {
            byte[] pixels = Arrays.copyOfRange(test.pixels(), i * size, (i + 1) * size);
            Pictures.write(Pictures.grey(test.cols(), test.rows(), pixels), "png",
                    folder.resolve(Integer.toString(test.label(i))).resolve("%05d.png".formatted(i)));
        }

        ImageSet set = ImageFolderReader.readTraining(folder, ImageSize.DEFAULT);

        assertEquals(test.count(), set.samples().count());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), set.classes());
        float[] png = set.samples().features();
        ClassTargets targets = (ClassTargets) set.samples().targets();
        for (int s = 0; s < set.samples().count(); s++) {
            String name = Path.of(set.entries().get(s)).getFileName().toString();
            int image = Integer.parseInt(name.substring(0, name.indexOf('.')));
            assertEquals(test.label(image), targets.of(s), name);
            for (int j = 0; j < size; j++) {
                if (Float.floatToRawIntBits(png[s * size + j]) != Float.floatToRawIntBits(idx[image * size + j])) {
                    throw new AssertionError("image %d pixel %d: IDX %s, PNG %s"
                            .formatted(image, j, idx[image * size + j], png[s * size + j]));
                }
            }
        }
    }
}
