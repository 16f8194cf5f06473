package dev.descent.spark;

import dev.descent.spi.SweepTrial;
import dev.descent.spi.TrialOutcome;
import dev.descent.sweep.TrialRunner;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * What each Spark task runs, on an executor: the partition's one trial through {@link TrialRunner}
 * into a temporary folder, whose files go back to the driver with the outcome. A killed task (the
 * sweep was stopped) ends at the end of its mini-batch as an interrupted outcome.
 */
final class TrialTask extends AbstractFunction2<TaskContext, Iterator<SweepTrial>,
        ShippedTrial> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The data root on the executors, or null for the folder the driver shipped with the job (SparkFiles). */
    private final String dataRoot;
    private final String pluginsDir;

    TrialTask(String dataRoot, String pluginsDir) {
        this.dataRoot = dataRoot;
        this.pluginsDir = pluginsDir;
    }

    @Override
    public ShippedTrial apply(TaskContext context, Iterator<SweepTrial> trials) {
        SweepTrial trial = trials.next();
        Path root = Path.of(dataRoot != null ? dataRoot : SparkFiles.getRootDirectory());
        Path temporary;
        try {
            temporary = Files.createTempDirectory("descent-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for trial " + trial.id(), e);
        }
        // Named as on the driver: the report's title names the run folder.
        Path folder = temporary.resolve(trial.id());
        try {
            TrialOutcome outcome = TrialRunner.run(trial, folder, root, pluginsDir == null ? null : Path.of(pluginsDir),
                    context::isInterrupted);
            return new ShippedTrial(outcome, files(folder));
        } finally {
            delete(temporary);
        }
    }

    /** The run folder's files, by name in sorted order; unfinished temporary files left out. */
    private static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.endsWith(".tmp")) files.put(name, Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trial folder " + folder, e);
        }
        return files;
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the executor's temp space is its own.
        }
    }
}
