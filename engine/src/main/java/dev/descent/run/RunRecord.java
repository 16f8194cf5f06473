package dev.descent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's identity, in {@value #FILE} from its start: a random run id (also in every checkpoint, so a
 * checkpoint copied from another run is refused), the absolute data root it read and the identity of
 * the data it trained on (so {@code report} and {@code --resume} find the same data without
 * {@code --data}, and notice other data).
 */
public record RunRecord(String runId, Path dataRoot, DataIdentity data) {
    public static final String FILE = "run.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new run's record, with a fresh id. */
    public static RunRecord start(Path dataRoot, DataIdentity data) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return new RunRecord(HexFormat.of().formatHex(id), dataRoot.toAbsolutePath().normalize(), data);
    }

    /** The record of the run in {@code folder}; empty for a folder written before descent 0.2.0. */
    public static Optional<RunRecord> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) return Optional.empty();
        try {
            Map<?, ?> m = new ObjectMapper().readValue(Files.readString(file), Map.class);
            String id = (String) m.get("run_id");
            String root = (String) m.get("data_root");
            if (id == null || root == null) throw new IOException("run_id or data_root missing");
            return Optional.of(new RunRecord(id, Path.of(root), DataIdentity.fromMap(m.get("data"), file.toString())));
        } catch (IOException | RuntimeException e) {
            throw new DescentException(file + " is damaged (" + e.getMessage() + "); it records the run's id and data");
        }
    }

    public void write(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toMap()) + "\n");
        } catch (IOException e) {
            throw new DescentException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** run_id, data_root and data, as run.json and summary.json hold them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("data_root", dataRoot.toString());
        m.put("data", data.toMap());
        return m;
    }
}
