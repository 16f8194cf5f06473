package dev.descent.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.DescentException;
import dev.descent.data.DatasetName;
import dev.descent.data.RemoteFile;
import dev.descent.data.TrainTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Which data a run trained on, cheap to compute and to compare: the data set's files (name, size and a
 * CRC-32 of the first {@value #PREFIX} bytes, which for gzip files covers the start of the images) and
 * the image counts. Kept in run.json, summary.json and the checkpoint, so a resume or a report can tell
 * that {@code --data} points at other images.
 */
public record DataIdentity(String dataset, List<FileId> files, int trainImages, int testImages) {
    static final int PREFIX = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    public DataIdentity {
        files = List.copyOf(files);
    }

    /** One file of the data set. */
    public record FileId(String name, long size, String crc32) {
    }

    /** The identity of {@code sets}, as read from {@code folder} (the data set's folder under the data root). */
    public static DataIdentity of(DatasetName name, Path folder, TrainTest sets) {
        List<FileId> files = new ArrayList<>();
        for (RemoteFile f : name.files()) files.add(fileId(f.name(), folder.resolve(f.name())));
        return new DataIdentity(name.id(), files, sets.train().count(), sets.test().count());
    }

    /**
     * The identity of a user's own data ({@code format} csv, images or idx) read from {@code paths}: the
     * files among them (a picture folder counts by its sample counts only), each named by its path.
     */
    public static DataIdentity ofFiles(String format, List<Path> paths, TrainTest sets) {
        List<FileId> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) files.add(fileId(p.toString(), p));
        }
        return new DataIdentity(format, files, sets.train().count(), sets.test().count());
    }

    private static FileId fileId(String name, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CRC32 crc = new CRC32();
            crc.update(in.readNBytes(PREFIX));
            return new FileId(name, Files.size(file), String.format(Locale.ROOT, "%08x", crc.getValue()));
        } catch (IOException e) {
            throw new DescentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** How {@code actual} differs from this identity, one phrase per difference; empty when it does not. */
    public List<String> differences(DataIdentity actual) {
        List<String> d = new ArrayList<>();
        if (!dataset.equals(actual.dataset)) d.add("data set " + actual.dataset + " (the run's: " + dataset + ")");
        if (trainImages != actual.trainImages) {
            d.add(String.format(Locale.ROOT, "%,d training images (the run's: %,d)", actual.trainImages, trainImages));
        }
        if (testImages != actual.testImages) {
            d.add(String.format(Locale.ROOT, "%,d test images (the run's: %,d)", actual.testImages, testImages));
        }
        for (FileId mine : files) {
            FileId theirs = actual.files.stream().filter(f -> f.name().equals(mine.name())).findFirst().orElse(null);
            if (theirs == null) {
                d.add("no " + mine.name());
            } else if (!theirs.equals(mine)) {
                d.add(String.format(Locale.ROOT, "%s of %,d bytes, checksum %s (the run's: %,d bytes, checksum %s)",
                        mine.name(), theirs.size(), theirs.crc32(), mine.size(), mine.crc32()));
            }
        }
        return d;
    }

    /** A JSON-ready map, for summary.json and run.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("train_images", trainImages);
        m.put("test_images", testImages);
        List<Map<String, Object>> list = new ArrayList<>();
        for (FileId f : files) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.name());
            file.put("size", f.size());
            file.put("crc32_first_64k", f.crc32());
            list.add(file);
        }
        m.put("files", list);
        return m;
    }

    /** Reads {@link #toMap}'s form back; {@code where} names the file for the message of a damaged one. */
    public static DataIdentity fromMap(Object value, String where) {
        try {
            Map<?, ?> m = (Map<?, ?>) value;
            List<FileId> files = new ArrayList<>();
            for (Object o : (List<?>) m.get("files")) {
                Map<?, ?> f = (Map<?, ?>) o;
                files.add(new FileId(Objects.requireNonNull((String) f.get("name")),
                        ((Number) f.get("size")).longValue(),
                        Objects.requireNonNull((String) f.get("crc32_first_64k"))));
            }
            return new DataIdentity(Objects.requireNonNull((String) m.get("dataset")), files,
                    ((Number) m.get("train_images")).intValue(), ((Number) m.get("test_images")).intValue());
        } catch (RuntimeException e) {
            throw new DescentException(where + ": the data identity is missing or invalid");
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataIdentity fromJson(String json, String where) {
        try {
            return fromMap(JSON.readValue(json == null ? "null" : json, Map.class), where);
        } catch (JsonProcessingException e) {
            throw new DescentException(where + ": the data identity is missing or invalid");
        }
    }
}
