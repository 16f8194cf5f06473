package dev.descent.sweep;

import dev.descent.DescentException;
import dev.descent.config.ConfigLoader;
import dev.descent.config.ExperimentConfig;
import dev.descent.config.PluginCompatibility;
import dev.descent.config.SweepConfig;
import dev.descent.config.SweepConfig.Axis;
import dev.descent.config.SweepConfig.Dimension;
import dev.descent.config.SweepConfig.Distribution;
import dev.descent.data.samples.Task;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.SweepTrial;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trials of a sweep, in order, each resolved and validated before anything runs.
 *
 * <p>Every trial applies the sweep's {@code set} overrides first, then its configuration's.
 * Configurations: every combination of the grid's values (the first key varies slowest), then the
 * random configurations, drawn from {@code random.space} by a generator seeded with {@code random.seed};
 * a draw that repeats an earlier configuration is drawn again. Random configurations are added to the
 * grid's, not crossed with them: a random configuration changes only the keys of the space. With
 * neither grid nor random, the base alone is the one configuration. Seeds: every configuration runs
 * once per seed of {@code seeds} (the override {@code seed=N}, applied last), or once with the base's
 * seed. Drawn numbers are rounded to {@value #DIGITS} significant digits, so that tables stay readable.
 *
 * <p>Ids: a configuration's id is the first {@value #ID_DIGITS} hex digits of the SHA-256 of its overrides
 * ({@code set} included; sorted, as {@code key=value} lines), so it depends on the keys and values only, not
 * on their order in the file or the trial's position, and a rerun, or a sweep file that gained values, finds
 * the trials already finished. Configurations whose short ids would be the same (at 100,000 configurations,
 * the most a sweep holds, 1 sweep in 56,000) get the whole 64-digit hash instead, so ids are unique
 * within a plan whatever the hash gives. A trial's id is {@code <configuration>-s<seed>}.
 */
public final class SweepPlan {
    static final String SEED_KEY = "seed";
    static final int DIGITS = 4;
    static final int MAX_TRIALS = 100_000;
    /** Hex digits of a configuration id: 48 bits, so that short ids rarely need the long form. */
    static final int ID_DIGITS = 12;
    /** Draws per wanted random configuration before the space counts as exhausted. */
    private static final int DRAWS_PER_TRIAL = 100;

    private final SweepConfig sweep;
    private final List<PlannedTrial> trials;
    private final int configurations;
    private final List<String> notes;

    private SweepPlan(SweepConfig sweep, List<PlannedTrial> trials, int configurations, Set<String> notes) {
        this.sweep = sweep;
        this.trials = List.copyOf(trials);
        this.notes = List.copyOf(notes);
        this.configurations = configurations;
    }

    /**
     * Expands the sweep into trials and checks each against the schema and the plugins in
     * {@code registry}; the first problem fails the whole plan with the trial, its overrides and the key.
     */
    public static SweepPlan of(SweepConfig sweep, PluginRegistry registry) {
        List<List<String>> configs = configurations(sweep);
        List<Long> seeds = sweep.seeds();
        long total = (long) configs.size() * Math.max(1, seeds.size());
        if (total > MAX_TRIALS) {
            throw new DescentException(sweep.file() + " makes " + total + " trials (" + configs.size()
                    + " configurations x " + Math.max(1, seeds.size()) + " seeds); a sweep runs at most " + MAX_TRIALS);
        }
        List<PlannedTrial> trials = new ArrayList<>();
        PluginsDirCheck pluginsDirCheck = new PluginsDirCheck();
        List<List<String>> allOverrides = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        for (List<String> varied : configs) {
            List<String> overrides = new ArrayList<>(sweep.fixed());
            overrides.addAll(varied);
            allOverrides.add(overrides);
        }
        List<String> ids = configurationIds(allOverrides, ID_DIGITS);
        for (int c = 0; c < configs.size(); c++) {
            List<String> varied = configs.get(c);
            List<String> overrides = allOverrides.get(c);
            String configuration = ids.get(c);
            List<Long> trialSeeds = seeds.isEmpty() ? Collections.singletonList(null) : seeds;
            boolean pluginsChecked = false;
            for (Long seed : trialSeeds) {
                List<String> all = new ArrayList<>(overrides);
                if (seed != null) all.add(SEED_KEY + "=" + seed);
                int number = trials.size() + 1;
                ExperimentConfig config = resolve(sweep, all, number, configuration, seed, notes);
                String id = configuration + "-s" + config.seed();
                if (!pluginsChecked) {
                    check(sweep, registry, config, describe(number, id, all));
                    pluginsChecked = true;
                }
                pluginsDirCheck.check(sweep, config, describe(number, id, all));
                String yaml = ConfigLoader.toYaml(config);
                trials.add(new PlannedTrial(number, id, configuration, all, varied, config.seed(), config,
                        new SweepTrial(id, yaml, config.data().dataset())));
            }
        }
        return new SweepPlan(sweep, trials, configs.size(), notes);
    }

    public SweepConfig sweep() {
        return sweep;
    }

    /** What resolving the trials did that the sweep file does not say (a plugin's parameters dropped), each once. */
    public List<String> notes() {
        return notes;
    }

    public List<PlannedTrial> trials() {
        return trials;
    }

    public int configurations() {
        return configurations;
    }

    /** Seeds per configuration: the sweep's seeds, or 1. */
    public int seedsPerConfiguration() {
        return Math.max(1, sweep.seeds().size());
    }

    /** The plugin folder every trial names ({@code plugins.dir}), or null. */
    public String pluginsDir() {
        return trials.isEmpty() ? null : trials.getFirst().config().pluginsDir();
    }

    /** True when some trial holds out a validation set: trials.csv then gains the validation columns. */
    public boolean anyValidation() {
        return trials.stream().anyMatch(t -> t.config().data().validation() > 0);
    }

    /** True when some trial is a regression: trials.csv then gains the test errors. */
    public boolean anyRegression() {
        return trials.stream().anyMatch(t -> t.config().data().task() == Task.REGRESSION);
    }

    private static List<List<String>> configurations(SweepConfig sweep) {
        List<List<String>> configs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (!sweep.grid().isEmpty() || sweep.random() == null) {
            for (List<String> c : product(sweep.grid())) {
                if (seen.add(canonical(c))) configs.add(c);
            }
        }
        if (sweep.random() != null) {
            SweepConfig.RandomSearch random = sweep.random();
            SplittableRandom generator = new SplittableRandom(random.seed());
            int drawn = 0;
            long draws = 0;
            long maxDraws = (long) random.trials() * DRAWS_PER_TRIAL;
            while (drawn < random.trials() && draws < maxDraws) {
                draws++;
                List<String> c = new ArrayList<>();
                for (Dimension d : random.space()) c.add(d.key() + "=" + draw(d.distribution(), generator));
                if (seen.add(canonical(c))) {
                    configs.add(c);
                    drawn++;
                }
            }
            if (drawn < random.trials()) {
                throw new DescentException("random.trials in " + sweep.file() + " asks for " + random.trials()
                        + " configurations, but " + draws + " draws from random.space gave only " + drawn
                        + " distinct ones (grid configurations included); lower random.trials or widen random.space");
            }
        }
        return configs;
    }

    /** Every combination of the axes' values, the first axis varying slowest; one empty list for no axes. */
    private static List<List<String>> product(List<Axis> axes) {
        List<List<String>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Axis axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combos) {
                for (String value : axis.values()) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(axis.key() + "=" + value);
                    next.add(c);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** One value drawn from a distribution, as YAML text. StrictMath: the same plan on every machine. */
    static String draw(Distribution distribution, SplittableRandom random) {
        return switch (distribution) {
            case Distribution.Choice c -> c.values().get(random.nextInt(c.values().size()));
            case Distribution.Uniform u ->
                    number(u.low() + random.nextDouble() * (u.high() - u.low()), u.low(), u.high());
            case Distribution.LogUniform l -> {
                double lo = StrictMath.log(l.low());
                double hi = StrictMath.log(l.high());
                yield number(StrictMath.exp(lo + random.nextDouble() * (hi - lo)), l.low(), l.high());
            }
            case Distribution.IntUniform i -> Long.toString(i.high() - i.low() == Long.MAX_VALUE
                    ? random.nextLong() : i.low() + random.nextLong(i.high() - i.low() + 1));
        };
    }

    private static String number(double value, double low, double high) {
        double rounded = new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
        return Double.toString(Math.min(high, Math.max(low, rounded)));
    }

    private static ExperimentConfig resolve(SweepConfig sweep, List<String> overrides, int number, String configuration,
                                            Long seed, Set<String> notes) {
        try {
            ExperimentConfig config = ConfigLoader.load(sweep.base(), overrides, "sweep", notes::add);
            // Every trial runs on one thread: results are the same bits for any thread count, and a
            // sweep's parallelism is its trials.
            return ConfigLoader.withKernels(config, config.training().kernels(), 1);
        } catch (DescentException e) {
            String id = configuration + (seed != null ? "-s" + seed : "");
            throw new DescentException(
                    describe(number, id, overrides) + " of " + sweep.file() + ": " + e.getMessage(), e);
        }
    }

    /** Builds every plugin a trial names, so that an unknown name or parameter stops the sweep before it starts. */
    private static void check(SweepConfig sweep, PluginRegistry registry, ExperimentConfig config, String trial) {
        try {
            registry.cost(config.cost());
            PluginCompatibility.check(config, registry);
            registry.initializer(config.init().weights());
            registry.initializer(config.init().biases());
            registry.schedule(config.training().learningRate());
            registry.optimizer(config.training().optimizer());
            String metric = sweep.metric().name();
            boolean regression = config.data().task() == Task.REGRESSION;
            boolean errorMetric = List.of("test_rmse", "test_mae", "test_r2").contains(metric);
            if (regression ? metric.endsWith("accuracy") : errorMetric) {
                throw new DescentException("the sweep's metric " + metric + " is " + (regression
                        ? "a classification's, but the base is a regression; rank by test_rmse, test_mae or test_r2"
                        : "a regression's, but the base is a classification; rank by test_accuracy or test_cost"));
            }
            if (metric.startsWith("validation_") && config.data().validation() == 0) {
                throw new DescentException("the sweep's metric " + metric
                        + " needs a validation set, but data.validation is 0; "
                        + "hold out samples in the base, e.g. data.validation: 2000");
            }
        } catch (DescentException e) {
            throw new DescentException(trial + " of " + sweep.file() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(int number, String id, List<String> overrides) {
        return "trial " + number + " (" + id + (overrides.isEmpty() ? "" : ": " + String.join(" ", overrides)) + ")";
    }

    /** Every trial must load the same plugin folder: the engine loads one per worker. */
    private static final class PluginsDirCheck {
        private String first;
        private boolean seen;

        void check(SweepConfig sweep, ExperimentConfig config, String trial) {
            if (!seen) {
                first = config.pluginsDir();
                seen = true;
            } else if (!Objects.equals(first, config.pluginsDir())) {
                throw new DescentException(trial + " of " + sweep.file() + " sets plugins.dir to " + config.pluginsDir()
                        + " but earlier trials use " + first + "; plugins.dir cannot vary within a sweep");
            }
        }
    }

    /**
     * The ids of distinct configurations, in their order: the first {@code digits} hex digits of each one's
     * hash, or the whole hash for the configurations whose first digits another one shares. An id thus
     * depends on the configuration's overrides and, only in a collision, on which others the plan holds.
     */
    static List<String> configurationIds(List<List<String>> configurations, int digits) {
        List<String> hashes = configurations.stream().map(SweepPlan::hash).toList();
        Map<String, Integer> shortIds = new HashMap<>();
        for (String hash : hashes) shortIds.merge(hash.substring(0, digits), 1, Integer::sum);
        List<String> ids = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < hashes.size(); i++) {
            String shortId = hashes.get(i).substring(0, digits);
            String id = shortIds.get(shortId) == 1 ? shortId : hashes.get(i);
            // Two distinct configurations with one SHA-256 would be the first collision ever found.
            if (!unique.add(id)) {
                throw new IllegalStateException("configurations [" + canonical(configurations.get(i)) + "] and another "
                        + "of the plan have the same SHA-256 " + id);
            }
            ids.add(id);
        }
        return ids;
    }

    /** The SHA-256 of the sorted overrides, as 64 hex digits. */
    private static String hash(List<String> overrides) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(overrides).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String canonical(List<String> overrides) {
        return String.join("\n", overrides.stream().sorted().toList());
    }
}
