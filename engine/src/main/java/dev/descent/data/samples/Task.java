package dev.descent.data.samples;

import dev.descent.DescentException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a network learns from its targets: a class out of several, or one or more numbers. */
public enum Task {
    CLASSIFICATION("classification"),
    REGRESSION("regression");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The name used in configs. */
    public String id() {
        return id;
    }

    /** The task called {@code id}; {@code where} names the config key for the error. */
    public static Task of(String id, String where) {
        for (Task task : values()) {
            if (task.id.equals(id)) return task;
        }
        throw new DescentException("unknown task '%s' at %s; available: %s".formatted(id, where,
                Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
