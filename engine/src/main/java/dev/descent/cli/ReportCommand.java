package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.data.DataLocator;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.data.TrainTest;
import dev.descent.network.ModelFile;
import dev.descent.network.Network;
import dev.descent.report.RunReport;
import dev.descent.run.RunFolder;
import dev.descent.run.RunLock;
import dev.descent.run.RunRecord;
import dev.descent.run.TrainingData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code descent report RUN_DIR}: writes a run folder's report.html, curves.png and weights.png again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild a run folder's report.html, curves.png and weights.png from its config, metrics, "
                + "summary and model, and the test set.")
final class ReportCommand implements Callable<Integer>, RunFolderCommand {
    private static final List<String> INPUTS =
            List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.SUMMARY, RunFolder.MODEL);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder written by descent train")
    Path folder;

    @Mixin
    DataOption data = new DataOption();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Path runFolder() {
        return folder;
    }

    @Override
    public Integer call() {
        if (!Files.exists(folder)) throw new DescentException("run folder " + folder + " does not exist");
        if (!Files.isDirectory(folder)) {
            throw new DescentException(folder
                    + " is a file; descent report takes a run folder written by descent train");
        }
        // Locked first: a run still training in the folder has not written all of its files yet.
        try (RunLock lock = RunLock.acquire(folder, "report", spec.commandLine().getErr())) {
            return report();
        }
    }

    private int report() {
        for (String name : INPUTS) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new DescentException(folder.resolve(name)
                        + " is missing; a run folder written by descent train holds "
                        + String.join(", ", INPUTS));
            }
        }
        ExperimentConfig cfg = ConfigLoader.load(folder.resolve(RunFolder.CONFIG), List.of());
        Path modelFile = folder.resolve(RunFolder.MODEL);
        Network network = ModelFile.read(modelFile).network();
        int[] configured = cfg.network().layers().stream().mapToInt(Integer::intValue).toArray();
        if (!Arrays.equals(network.sizes(), configured)) {
            throw new DescentException(modelFile + " has layers " + join(network.sizes()) + " but "
                    + folder.resolve(RunFolder.CONFIG) + " says network.layers " + join(configured));
        }
        var cost = plugins.registry(cfg.pluginsDir()).cost(cfg.cost());
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunRecord record = RunRecord.read(folder).orElse(null);
        Path root = data.root;
        if (root == null && record != null && Files.isDirectory(record.dataRoot())) root = record.dataRoot();
        TrainTest sets = TrainingData.load(cfg, root, new Downloader(), quiet.quiet ? null : System.err);
        Path dataFolder = cfg.data().builtIn()
                ? DataLocator.folder(DatasetName.of(cfg.data().dataset(), "data.dataset"), root).toAbsolutePath()
                        .normalize()
                : Path.of(cfg.data().train().file());
        if (record == null) {
            err.printf("descent: %s does not record the data its run trained on (written before descent 0.2.0);"
                    + " the report is computed on %s%n", folder, dataFolder);
        } else {
            List<String> differences = record.data().differences(TrainingData.identity(cfg, root, sets));
            if (!differences.isEmpty()) {
                err.printf("descent: warning: the report is computed on %s, not on the data the run trained on"
                        + " (%s): %s%n",
                        dataFolder, record.dataRoot(), String.join("; ", differences));
            }
        }
        err.flush();
        RunReport.write(folder, cfg, network, cost, sets.test());
        log.printf(Locale.ROOT, "descent: wrote %s in %s (test set: %,d %s in %s)%n",
                String.join(", ", RunReport.FILES), folder, sets.test().count(),
                sets.test().description().image() != null ? "images" : "rows", dataFolder);
        log.flush();
        return Main.EXIT_OK;
    }

    private static String join(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
