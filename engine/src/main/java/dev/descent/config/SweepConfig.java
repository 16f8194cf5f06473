package dev.descent.config;

import dev.descent.spi.PluginSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep file: the base experiment, what varies, the seeds, the metric that ranks the trials and the
 * engine that runs them. Override values are kept as YAML text, exactly as {@code --set} takes them, so
 * that every trial is {@code descent train BASE --set key=value ...}.
 *
 * @param file the sweep file, for messages
 * @param base the base experiment, resolved against the sweep file's folder
 * @param fixed overrides every trial applies first ({@code set}), as {@code key=value}
 * @param grid every combination of these axes is a configuration (none: the base alone, unless random is
 *        set)
 * @param random configurations drawn at random, added to the grid's; null when absent
 * @param seeds every configuration runs once per seed; empty: once, with the base's seed
 * @param metric the summary figure that ranks configurations and picks the best trial
 * @param engine the sweep engine and its parameters ({@code local} unless the file names another)
 */
public record SweepConfig(Path file, Path base, List<String> fixed, List<Axis> grid, RandomSearch random,
                          List<Long> seeds, Metric metric, PluginSpec engine) {
    /** The summary figures a sweep can rank by. */
    public static final List<String> METRICS =
            List.of("test_accuracy", "test_cost", "final_cost", "validation_accuracy", "validation_cost",
                    "gradient_norm", "test_rmse", "test_mae", "test_r2");

    public SweepConfig {
        fixed = List.copyOf(fixed);
        grid = List.copyOf(grid);
        seeds = List.copyOf(seeds);
    }

    /** One grid key and its values, each as YAML text. */
    public record Axis(String key, List<String> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    /** {@code trials} configurations drawn from {@code space} by a generator seeded with {@code seed}. */
    public record RandomSearch(int trials, long seed, List<Dimension> space) {
        public RandomSearch {
            space = List.copyOf(space);
        }
    }

    /** One key of the random space and how its value is drawn. */
    public record Dimension(String key, Distribution distribution) {
    }

    /** How a random value is drawn. */
    public sealed interface Distribution {
        /** One of the values (YAML text), each equally likely. */
        record Choice(List<String> values) implements Distribution {
            public Choice {
                values = List.copyOf(values);
            }
        }

        /** A number uniform in [low, high]. */
        record Uniform(double low, double high) implements Distribution {
        }

        /** A number whose logarithm is uniform in [log low, log high]; 0 < low. */
        record LogUniform(double low, double high) implements Distribution {
        }

        /** A whole number in [low, high], each equally likely. */
        record IntUniform(long low, long high) implements Distribution {
        }
    }

    /** The metric's summary name and whether higher is better. */
    public record Metric(String name, boolean maximize) {
        public String goal() {
            return maximize ? "maximize" : "minimize";
        }
    }
}
