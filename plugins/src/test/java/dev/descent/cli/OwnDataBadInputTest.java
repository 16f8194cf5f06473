package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.images.Pictures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of issue 13, one test each, through the real command line: a CSV table, a picture folder
 * or a config that contradicts its data must exit with code 2 and one line on stderr that names the file
 * (with the line and column, or the entry) or the key, and leave no run folder behind.
 */
class OwnDataBadInputTest {
    private static final String GOOD_TRAIN = """
            a,b,label
            1,2,x
            2,3,y
            3,1,x
            4,0,y
            """;

    @TempDir
    Path dir;

    @Test
    void rejectsAMissingFeatureCellNamingLineAndColumn() throws IOException {
        assertRefused(csv("a,b,label\n1,2,x\n,3,y\n"), "train.csv line 3, column 1 'a'", "empty");
    }

    @Test
    void rejectsANonNumericFeatureCell() throws IOException {
        assertRefused(csv("a,b,label\n1,2,x\n2,three,y\n"), "train.csv line 3, column 2 'b'", "'three'");
    }

    @Test
    void rejectsARaggedRow() throws IOException {
        assertRefused(csv("a,b,label\n1,2,x\n2,3,4,y\n"), "train.csv line 3", "4 cells", "3 columns");
    }

    @Test
    void rejectsAnUnknownLabelColumn() throws IOException {
        assertRefused(csv(GOOD_TRAIN, "label: species"), "train.csv", "species");
    }

    @Test
    void anUnknownLabelColumnFromASetNamesTheSetAndTheConfig() throws IOException {
        Path config = csv(GOOD_TRAIN);
        assertOneLine(train(config, "--set", "data.label=specie"), "train.csv line 1", "no column 'specie'",
                "data.label (from --set data.label=specie) in " + config);
    }

    @Test
    void rejectsAnUnknownFeatureColumn() throws IOException {
        assertRefused(csv(GOOD_TRAIN, "features: [a, c]"), "train.csv", "'c'");
    }

    @Test
    void rejectsADuplicateHeader() throws IOException {
        assertRefused(csv("a,a,label\n1,2,x\n2,3,y\n"), "train.csv line 1, column 2", "duplicate column name 'a'");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertRefused(csv(""), "train.csv is empty");
    }

    @Test
    void rejectsAHeaderOnly() throws IOException {
        assertRefused(csv("a,b,label\n"), "train.csv has a header (line 1) but no data rows");
    }

    @Test
    void rejectsASingleClass() throws IOException {
        assertRefused(csv("a,b,label\n1,2,x\n2,3,x\n"), "train.csv", "class 'x'", "at least two");
    }

    @Test
    void rejectsATestClassUnseenInTraining() throws IOException {
        Files.writeString(dir.resolve("test.csv"), "a,b,label\n1,2,x\n2,3,z\n");
        assertRefused(csv(GOOD_TRAIN, "test: test.csv"), "test.csv line 3, column 3 'label'", "class 'z'");
    }

    @Test
    void rejectsTestColumnsThatDifferFromTraining() throws IOException {
        Files.writeString(dir.resolve("test.csv"), "a,c,label\n1,2,x\n2,3,y\n");
        assertRefused(csv(GOOD_TRAIN, "test: test.csv"), "test.csv line 1", "missing b", "not in the training data c");
    }

    @Test
    void rejectsLayersThatContradictTheDataAndSaysTheRightNumber() throws IOException {
        Path config = csv(GOOD_TRAIN);
        Cli.Result r = train(config, "--set", "network.layers=[3,4,auto]");
        assertOneLine(r, "network.layers", "first layer must be 2");
        r = train(config, "--set", "network.layers=[auto,4,3]");
        assertOneLine(r, "network.layers", "last layer must be 2");
    }

    @Test
    void rejectsAMissingTrainingFileNamingTheKeyTheSetAndTheConfig() throws IOException {
        Path config = csv(GOOD_TRAIN);
        Cli.Result r = train(config, "--set", "data.train=nope.csv");
        assertOneLine(r, "data.train (from --set data.train=nope.csv) in " + config, "nope.csv does not exist");
    }

    @Test
    void rejectsAnImagesFolderWithoutClassSubfolders() throws IOException {
        Path train = Files.createDirectories(dir.resolve("pictures"));
        picture(train.resolve("loose.png"));
        assertRefused(images(), "pictures has no class subfolders");
    }

    @Test
    void rejectsAnEmptyClass() throws IOException {
        picture(Files.createDirectories(dir.resolve("pictures/cat")).resolve("1.png"));
        Files.createDirectories(dir.resolve("pictures/dog"));
        assertRefused(images(), "pictures/dog", "class 'dog' has no pictures");
    }

    @Test
    void rejectsAFileThatIsNotAPicture() throws IOException {
        picture(Files.createDirectories(dir.resolve("pictures/cat")).resolve("1.png"));
        Files.writeString(Files.createDirectories(dir.resolve("pictures/dog")).resolve("notes.txt"), "no picture");
        assertRefused(images(), "notes.txt is not a picture");
    }

    @Test
    void rejectsAPictureWhoseHeaderClaimsAHugeSize() throws IOException {
        picture(Files.createDirectories(dir.resolve("pictures/cat")).resolve("1.png"));
        Files.write(Files.createDirectories(dir.resolve("pictures/dog")).resolve("huge.png"),
                Pictures.headerOnlyPng(100_000, 100_000));
        assertRefused(images(), "huge.png is 100000x100000 pixels by its header");
    }

    @Test
    void rejectsARegressionTargetThatIsNotANumber() throws IOException {
        Path config = csv("a,b,y\n1,2,0.5\n2,3,high\n", "task: regression");
        assertRefused(config, "train.csv line 3, column 3 'y'", "regression target 'high'");
    }

    private Path csv(String train, String... extra) throws IOException {
        Files.writeString(dir.resolve("train.csv"), train);
        StringBuilder data = new StringBuilder("data:\n  format: csv\n  train: train.csv\n");
        String task = "";
        for (String line : extra) {
            if (line.startsWith("task:")) task = line + "\n";
            else data.append("  ").append(line).append('\n');
        }
        if (!String.join("", extra).contains("test:")) data.append("  test-split: 0.5\n");
        return Files.writeString(dir.resolve("own.yaml"), task + data + """
                network: {layers: [auto, 4, auto]}
                training: {epochs: 1, batch-size: 2}
                """);
    }

    private Path images() throws IOException {
        return Files.writeString(dir.resolve("pictures.yaml"), """
                data: {format: images, train: pictures, test-split: 0.5, image: {width: 4, height: 4}}
                network: {layers: [auto, 4, auto]}
                training: {epochs: 1}
                """);
    }

    private static void picture(Path file) throws IOException {
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }

    private Cli.Result train(Path config, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "train";
        args[1] = config.toString();
        args[2] = "--out";
        args[3] = dir.resolve("run").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    private void assertRefused(Path config, String... mentions) {
        assertOneLine(train(config), mentions);
    }

    private void assertOneLine(Cli.Result r, String... mentions) {
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("descent: "), err);
        for (String m : mentions) assertTrue(err.contains(m), "'" + m + "' in: " + err);
        assertFalse(Files.exists(dir.resolve("run")), "a run folder was left: " + err);
    }
}
