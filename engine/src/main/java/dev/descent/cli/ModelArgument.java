package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.data.DatasetName;
import dev.descent.model.TrainedModel;
import java.nio.file.Path;
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
}
