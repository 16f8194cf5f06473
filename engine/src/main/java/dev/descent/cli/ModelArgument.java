package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataDescription;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.model.TrainedModel;
import dev.descent.run.RunFolder;
import dev.descent.run.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * The {@code MODEL} argument of {@code eval}, {@code predict} and {@code export}: a model file or the run folder
 * holding it.
 */
final class ModelArgument {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.safetensors, or the run folder holding it")
    Path path;

    TrainedModel load(PluginOptions plugins) {
        return TrainedModel.load(path, plugins);
    }

    /**
     * The data set a model is measured on: {@code option} ({@code --dataset}) when given, else the one its
     * metadata records; a model that records none needs the option.
     */
    static DatasetName dataset(String option, Path file, Map<String, String> metadata) {
        if (option != null) return DatasetName.of(option, "--dataset");
        String recorded = metadata.get("dataset");
        if (recorded == null) {
            throw new DescentException(file + " does not record its data set; give --dataset mnist or"
                    + " --dataset fashion-mnist");
        }
        return DatasetName.of(recorded, "dataset in the metadata of " + file);
    }

    /**
     * The training and test sets of a model trained on a user's own data, read as its run read them: from
     * the run's {@code config.yaml} beside the model file (the same normalisation, the same held-out rows).
     */
    static TrainTest runData(Path file, DataDescription description, Path root) {
        Path config = file.resolveSibling(RunFolder.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new DescentException(file + " was trained on your own data (" + description.format()
                    + ") and has no " + RunFolder.CONFIG + " of its run beside it; give the test set with --test");
        }
        ExperimentConfig cfg = ConfigLoader.load(config, List.of());
        return TrainingData.load(cfg, root, new Downloader(), System.err);
    }
}
