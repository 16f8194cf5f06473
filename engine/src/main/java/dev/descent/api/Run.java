package dev.descent.api;

import dev.descent.run.RunFolder;
import dev.descent.spi.EpochResult;
import dev.descent.training.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A finished training run: its run folder (config.yaml, metrics.csv, model.safetensors, summary.json and
 * the report, as {@code descent train} writes them) and each epoch's results.
 */
public final class Run {
    private final Path folder;
    private final TrainingResult result;
    private final PluginFolder plugins;

    Run(Path folder, TrainingResult result, PluginFolder plugins) {
        this.folder = folder;
        this.result = result;
        this.plugins = plugins;
    }

    /** The run folder. */
    public Path folder() {
        return folder;
    }

    /** The model file the run wrote, {@code model.safetensors} in its folder. */
    public Path modelFile() {
        return folder.resolve(RunFolder.MODEL);
    }

    /** Every epoch's results, in order. */
    public List<EpochResult> epochs() {
        return result.epochs();
    }

    /**
     * The results of the epoch whose weights the model holds: the last epoch, or with early stopping
     * the best one.
     */
    public EpochResult kept() {
        return result.kept();
    }

    /** Why training ended: {@code epochs_done}, {@code gradient_norm} or {@code early_stop}, as summary.json says. */
    public String stopReason() {
        return result.stopReason().name().toLowerCase(Locale.ROOT);
    }

    /** The trained model, loaded from the run folder with the experiment's plugin folder. */
    public Model model() {
        return Model.load(folder, plugins);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Run(%s, %d epochs, test accuracy %.4f)", folder, result.epochs().size(),
                kept().testAccuracy());
    }
}
