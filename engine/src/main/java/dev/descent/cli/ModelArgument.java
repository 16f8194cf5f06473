package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.io.FileKinds;
import dev.descent.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
     * The model file that {@code argument} names: the argument itself, or {@code model.safetensors} in
     * it when it is a folder. Anything but a regular file is refused with what it is instead: a pipe
     * would block the reader and a device never ends.
     */
    static Path file(Path argument) {
        if (Files.isDirectory(argument)) {
            Path file = argument.resolve(RunFolder.MODEL);
            if (Files.isRegularFile(file)) return file;
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new DescentException("run folder " + argument + " holds no " + RunFolder.MODEL);
            }
            throw new DescentException("model " + file + " " + FileKinds.notRegular(file));
        }
        if (!Files.isRegularFile(argument)) {
            throw new DescentException("model " + argument + " " + FileKinds.notRegular(argument)
                    + " (give a model file or a run folder)");
        }
        return argument;
    }
}
