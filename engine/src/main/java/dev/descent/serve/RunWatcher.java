package dev.descent.serve;

import dev.descent.DescentException;
import dev.descent.run.Checkpoint;
import dev.descent.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the page shows of a run folder or model file, kept current by looking at the files: the network
 * (the folder's model.safetensors once training has written it, until then its checkpoint) and the rows
 * of metrics.csv. The run writes every file to a temporary name and renames it, so a file whose identity
 * (inode, size, modification time) changed is a complete new file; the trainer is never touched.
 * {@link #poll} runs on the server's watcher thread, {@link #snapshot} on request threads; both under the
 * lock, and readers get immutable snapshots.
 */
final class RunWatcher {
    /** The model to inspect, the file name it was read from, and a number that grows with each network read. */
    record Snapshot(Inspector inspector, String source, long version) {
    }

    /** One change, as pushed to the page: the epochs finished so far and whether the network was replaced. */
    record Update(int epochs, boolean model, String status) {
    }

    private final Path folder;
    private final Path modelFile;
    private final LoadedModel.Loader loader;
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private Snapshot snapshot;
    private volatile List<Map<String, Double>> metrics = List.of();
    private volatile String metricsError;
    private String modelStamp;
    private Path pendingFile;
    private volatile String loadError;
    private String metricsStamp;
    private long version;

    /** Watches {@code target}: a run folder, or one model file (its folder's metrics.csv, if any, included). */
    RunWatcher(Path target, LoadedModel.Loader loader) {
        this.loader = loader;
        if (Files.isDirectory(target)) {
            this.folder = target;
            this.modelFile = null;
        } else {
            this.folder = target.toAbsolutePath().getParent();
            this.modelFile = target;
        }
    }

    Path folder() {
        return folder;
    }

    /**
     * The current snapshot, reading the network first when its file changed since the last call: a run
     * with no page asking is only looked at, never read. Null while a run folder holds neither a model
     * nor a checkpoint yet.
     */
    synchronized Snapshot snapshot() {
        if (pendingFile != null) {
            try {
                LoadedModel loaded = loader.load(pendingFile);
                snapshot = new Snapshot(new Inspector(loaded), pendingFile.getFileName().toString(), ++version);
                loadError = null;
                pendingFile = null;
            } catch (DescentException e) {
                // Damaged: keep showing the previous network and say why; the file's next version retries.
                if (snapshot == null && modelFile != null) throw e;
                loadError = e.getMessage();
                pendingFile = null;
            }
        }
        return snapshot;
    }

    /** Why the newest network file could not be read (null when it could). */
    String loadError() {
        return loadError;
    }

    List<Map<String, Double>> metrics() {
        return metrics;
    }

    /** Why metrics.csv could not be read (null when it could, or is absent). */
    String metricsError() {
        return metricsError;
    }

    /** "model" for a model file, else "training" until the run writes summary.json, then "finished". */
    String status() {
        if (modelFile != null) return "model";
        return Files.exists(folder.resolve(RunFolder.SUMMARY)) ? "finished" : "training";
    }

    void onUpdate(Consumer<Update> listener) {
        listeners.add(listener);
    }

    /**
     * Looks at the files once: a replaced network is marked to be read when next asked for, a changed
     * metrics.csv is read (a few hundred bytes), and listeners hear of either. A model file named on the
     * command line is read at once the first time, so that a bad one fails before the server starts.
     */
    synchronized void poll() {
        boolean modelChanged = false;
        Path file = modelFile != null ? modelFile : currentModelFile();
        String stamp = file == null ? null : stamp(file);
        if (stamp != null && !stamp.equals(modelStamp)) {
            modelStamp = stamp;
            pendingFile = file;
            modelChanged = true;
            if (modelFile != null && snapshot == null) snapshot();
        }
        Path csv = folder.resolve(RunFolder.METRICS);
        String csvStamp = stamp(csv);
        boolean metricsChanged = false;
        if (!Objects.equals(csvStamp, metricsStamp)) {
            metricsStamp = csvStamp;
            metricsChanged = true;
            if (csvStamp == null) {
                metrics = List.of();
                metricsError = null;
            } else {
                try {
                    metrics = readMetrics(csv);
                    metricsError = null;
                } catch (DescentException e) {
                    metricsError = e.getMessage();
                }
            }
        }
        if (modelChanged || metricsChanged) {
            Update update = new Update(metrics.size(), modelChanged, status());
            for (Consumer<Update> listener : listeners) listener.accept(update);
        }
    }

    private Path currentModelFile() {
        Path model = folder.resolve(RunFolder.MODEL);
        if (Files.isRegularFile(model)) return model;
        Path checkpoint = folder.resolve(Checkpoint.FILE);
        return Files.isRegularFile(checkpoint) ? checkpoint : null;
    }

    /** The file's identity, or null when it does not exist: a rename over it gives a new inode. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    /** metrics.csv as a list of rows, column name to number; every column the run wrote is kept. */
    static List<Map<String, Double>> readMetrics(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new DescentException("cannot read " + csv + ": " + e.getMessage());
        }
        List<Map<String, Double>> rows = new ArrayList<>();
        if (lines.isEmpty()) return rows;
        String[] header = lines.getFirst().strip().split(",", -1);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new DescentException(csv + " line " + (n + 1) + ": " + cells.length
                        + " values but the header has " + header.length + " columns");
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                try {
                    row.put(header[c], Double.parseDouble(cells[c].strip()));
                } catch (NumberFormatException e) {
                    throw new DescentException(csv + " line " + (n + 1) + ": " + header[c] + " '" + cells[c]
                            + "' is not a number");
                }
            }
            rows.add(row);
        }
        return List.copyOf(rows);
    }
}
