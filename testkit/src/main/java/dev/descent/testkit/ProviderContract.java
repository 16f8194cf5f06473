package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.DescentException;
import dev.descent.gradcheck.CostDifferences;
import dev.descent.gradcheck.GradientCheck;
import dev.descent.kernel.Activation;
import dev.descent.kernel.Kernels;
import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.EpochResult;
import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Parameter;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginProvider;
import dev.descent.spi.PluginRegistry;
import dev.descent.spi.PluginSpec;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.SweepEngineProvider;
import dev.descent.spi.TrainingProgress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * What every plugin provider must do, as JUnit 5 assertions; a failed check throws an
 * {@link org.opentest4j.AssertionFailedError} that says what is wrong and how to fix it. In a plugin
 * project's test:
 * <pre>{@code
 * @Test
 * void honoursTheProviderContract() {
 *     ProviderContract.onClassPath().assertAll(new TriangularSchedule.Provider());
 * }
 * }</pre>
 *
 * <p>Plugins are built the way descent builds them, through a {@link PluginRegistry}: the one given,
 * or the providers registered in {@code META-INF/services} on the class path. {@code values} are
 * parameter values to build with where the defaults are not enough (a required parameter); every
 * other parameter takes its default.
 */
public final class ProviderContract {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Largest relative error of a cost's gradient against finite differences of its own value. */
    static final double COST_TOLERANCE = 1e-3;
    /**
     * Entries below this fraction of the row's largest are measured against it: a fused cost reads its
     * softmax outputs rounded to float, which leaves the differences an absolute error near 1e-6.
     */
    static final double COST_FLOOR = 1e-2;
    private static final int COST_SAMPLES = 200;
    /** Runs a schedule is asked about: (epochs, steps per epoch): a short run, and MNIST's 30 epochs at batch 10. */
    private static final int[][] RUNS = {{3, 100}, {30, 6000}};
    /** Layer shapes (fan-in, fan-out) an initializer fills: the seed network's, and small odd ones. */
    private static final int[][] SHAPES = {{784, 16}, {16, 10}, {7, 3}, {1, 1}};

    private final PluginRegistry registry;

    /** Checks against {@code registry}, which must hold the providers checked. */
    public ProviderContract(PluginRegistry registry) {
        this.registry = registry;
    }

    /** Checks against the providers registered on the class path ({@link PluginRegistry#loadDefault()}). */
    public static ProviderContract onClassPath() {
        return new ProviderContract(PluginRegistry.loadDefault());
    }

    /** Every check that applies to the provider's kind, built from its defaults. */
    public void assertAll(PluginProvider<?> provider) {
        assertAll(provider, Map.of());
    }

    /** Every check that applies to the provider's kind, built from {@code values} and the defaults. */
    public void assertAll(PluginProvider<?> provider, Map<String, Object> values) {
        assertNamedInKebabCase(provider);
        assertParametersDeclaredAndDefaulted(provider);
        assertRegistered(provider);
        assertBuildsFromDefaultsOrNamesTheMissingParameter(provider);
        assertCreateHonoursRanges(provider, values);
        switch (provider) {
            case CostProvider cost -> assertCostGradientMatchesFiniteDifferences(cost, values);
            case ScheduleProvider schedule -> assertScheduleFiniteAndPositive(schedule, values);
            case InitializerProvider initializer -> assertInitializerSeededAndDeterministic(initializer, values);
            default -> { }
        }
    }

    /** The name is kebab-case ({@code he-normal}) and the description is not blank. */
    public void assertNamedInKebabCase(PluginProvider<?> provider) {
        assertNotNull(provider.name(), () -> provider.getClass().getName() + ".name() returned null");
        assertTrue(KEBAB.matcher(provider.name()).matches(), () -> "name '" + provider.name() + "' of "
                + provider.getClass().getName() + " is not kebab-case (lower-case words joined by '-')");
        assertNotNull(provider.description(), () -> provider.name() + " has no description");
        assertFalse(provider.description().isBlank(), () -> provider.name() + " has a blank description");
    }

    /**
     * Parameters are declared once each, in kebab-case, described, and either have a default of
     * their type and inside their range, or are required and say so ("required..." in the description).
     */
    public void assertParametersDeclaredAndDefaulted(PluginProvider<?> provider) {
        List<Parameter> parameters = provider.parameters();
        assertNotNull(parameters, () -> provider.name() + ".parameters() returned null; return List.of() for none");
        Set<String> seen = new HashSet<>();
        for (Parameter p : parameters) {
            String where = provider.name() + "." + p.name();
            assertTrue(KEBAB.matcher(p.name()).matches(), () -> where + " is not kebab-case");
            assertTrue(seen.add(p.name()), () -> where + " is declared twice");
            assertFalse(p.description().isBlank(), () -> where + " has no description");
            if (p.type() == Parameter.Type.NUMBER || p.type() == Parameter.Type.INTEGER) {
                assertTrue(p.min() <= p.max(), () -> where + " has an empty range [" + p.min() + ", " + p.max() + "]");
            }
            Object d = p.defaultValue();
            if (d == null) {
                assertTrue(p.description().startsWith("required"),
                        () -> where + " has no default, so its description must start with 'required'");
                continue;
            }
            switch (p.type()) {
                case NUMBER, INTEGER -> {
                    assertTrue(d instanceof Number, () -> where + " default " + d + " is not a number");
                    double v = ((Number) d).doubleValue();
                    assertTrue(v >= p.min() && v <= p.max(), () -> where + " default " + d + " is outside its range "
                            + p.describe());
                    if (p.type() == Parameter.Type.INTEGER) {
                        assertEquals(Math.rint(v), v, () -> where + " default " + d + " is not a whole number");
                    }
                }
                case BOOLEAN -> assertTrue(d instanceof Boolean, () -> where + " default " + d + " is not a boolean");
                case STRING -> assertTrue(d instanceof String, () -> where + " default " + d + " is not a string");
                case SCHEDULE -> assertTrue(d instanceof PluginSpec,
                        () -> where + " default " + d + " is not a schedule; declare it with Parameter.schedule");
                case INTEGER_LIST -> assertTrue(d instanceof List<?> list && list.stream().allMatch(
                        v -> v instanceof Number n && n.doubleValue() >= p.min() && n.doubleValue() <= p.max()),
                        () -> where + " default " + d + " is not a list of whole numbers in " + p.describe());
            }
        }
    }

    /** The registry holds this provider's class under its name: it is listed in META-INF/services. */
    public void assertRegistered(PluginProvider<?> provider) {
        PluginKind kind = kindOf(provider);
        PluginProvider<?> registered = registry.providers(kind).stream()
                .filter(p -> p.name().equals(provider.name())).findFirst().orElse(null);
        String services = "META-INF/services/" + kind.service().getName();
        assertNotNull(registered, () -> kind.label() + " '" + provider.name() + "' is not registered: list "
                + provider.getClass().getName() + " in " + services);
        assertEquals(provider.getClass(), registered.getClass(), () -> kind.label() + " '" + provider.name()
                + "' is registered by " + registered.getClass().getName() + ", not " + provider.getClass().getName());
    }

    /**
     * The plugin builds from its defaults alone, or, when a parameter is required, descent refuses the
     * spec without it and names that parameter.
     */
    public void assertBuildsFromDefaultsOrNamesTheMissingParameter(PluginProvider<?> provider) {
        PluginKind kind = kindOf(provider);
        PluginSpec spec = PluginSpec.of(provider.name(), "contract");
        List<Parameter> required = provider.parameters().stream().filter(p -> p.defaultValue() == null).toList();
        if (required.isEmpty()) {
            assertNotNull(build(kind, spec), () -> provider.name() + " built nothing from its defaults");
            return;
        }
        DescentException e = assertThrows(DescentException.class, () -> registry.validate(kind, spec),
                () -> provider.name() + " has required parameters, but a spec without them was accepted");
        assertTrue(e.getMessage().contains("'" + required.getFirst().name() + "'"), e.getMessage());
    }

    /**
     * Values outside a declared range are refused before {@code create} sees them, naming the parameter;
     * every value inside, the bounds included, builds a plugin or is refused with a
     * {@link DescentException} (a rule between parameters), never another exception.
     */
    public void assertCreateHonoursRanges(PluginProvider<?> provider, Map<String, Object> values) {
        PluginKind kind = kindOf(provider);
        requireValid(kind, provider, values);
        for (Parameter p : provider.parameters()) {
            if (p.type() != Parameter.Type.NUMBER && p.type() != Parameter.Type.INTEGER) continue;
            String where = provider.name() + "." + p.name();
            for (double outside : outside(p)) {
                PluginSpec spec = spec(provider, values, p.name(), value(p, outside));
                DescentException e = assertThrows(DescentException.class, () -> registry.validate(kind, spec),
                        () -> where + " = " + outside + " is outside " + p.describe() + " but was accepted");
                assertTrue(e.getMessage().contains(p.name()), () -> "the refusal of " + where + " = " + outside
                        + " does not name the parameter: " + e.getMessage());
            }
            for (double inside : new double[] {p.min(), p.max()}) {
                if (Double.isInfinite(inside)) continue;
                PluginSpec spec = spec(provider, values, p.name(), value(p, inside));
                try {
                    assertNotNull(build(kind, spec), () -> where + " = " + inside + " built nothing");
                } catch (DescentException refused) {
                    // A rule between parameters, said in a message: allowed.
                    assertFalse(refused.getMessage().isBlank(), where);
                }
            }
        }
    }

    /**
     * The gradient a cost writes is the derivative of the cost it returns: central differences of its
     * own value ({@link CostDifferences}) on random outputs inside each activation it is defined on
     * (dC/dz through its own softmax for a fused cost), with one-hot targets, agree within
     * {@value #COST_TOLERANCE} relative (entries below {@value #COST_FLOOR} of the row's largest: relative
     * to that). A cost with a kink (Huber's) can fail where a step straddles it. The cost of a batch is the
     * sum of its rows' costs.
     */
    public void assertCostGradientMatchesFiniteDifferences(CostProvider provider, Map<String, Object> values) {
        requireValid(PluginKind.COST, provider, values);
        Cost cost = (Cost) build(PluginKind.COST, spec(provider, values, null, null));
        Set<Activation> activations = cost.fusesOutputActivation() ? Set.of(Activation.SIGMOID)
                : provider.outputActivations();
        SplittableRandom random = new SplittableRandom(14);
        for (Activation activation : activations) {
            for (int width : new int[] {10, 3, 1}) {
                float[] batch = new float[COST_SAMPLES * width + Kernels.SLACK];
                float[] batchTargets = new float[COST_SAMPLES * width + Kernels.SLACK];
                double rowSum = 0;
                for (int s = 0; s < COST_SAMPLES; s++) {
                    float[] at = new float[width + Kernels.SLACK];
                    float[] targets = new float[width + Kernels.SLACK];
                    for (int k = 0; k < width; k++) at[k] = point(cost, activation, random);
                    targets[random.nextInt(width)] = 1f;
                    float[] output = at;
                    if (cost.fusesOutputActivation()) {
                        output = new float[width + Kernels.SLACK];
                        cost.activateOutput(at, 1, width, output);
                    }
                    float[] gradient = new float[width + Kernels.SLACK];
                    double c = cost.costAndGradient(output, targets, 1, width, gradient);
                    String where = provider.name() + (cost.fusesOutputActivation() ? " at weighted inputs "
                            : " on " + activation.configName() + " outputs ")
                            + Arrays.toString(Arrays.copyOf(at, width)) + ", targets "
                            + Arrays.toString(Arrays.copyOf(targets, width));
                    assertTrue(Double.isFinite(c), () -> where + ": cost " + c);
                    double[] reference = CostDifferences.gradient(cost, activation, at, targets, width);
                    double largest = 0;
                    for (double r : reference) largest = Math.max(largest, Math.abs(r));
                    for (int k = 0; k < width; k++) {
                        double error = GradientCheck.relativeError(gradient[k], reference[k], COST_FLOOR * largest);
                        int j = k;
                        assertTrue(error <= COST_TOLERANCE, () -> where + ": d/d" + (cost.fusesOutputActivation()
                                ? "z" : "a") + "[" + j + "] is " + gradient[j] + " but finite differences "
                                + "of the cost give " + reference[j] + " (relative error " + error + ")");
                    }
                    System.arraycopy(output, 0, batch, s * width, width);
                    System.arraycopy(targets, 0, batchTargets, s * width, width);
                    rowSum += c;
                }
                double whole = cost.costAndGradient(batch, batchTargets, COST_SAMPLES, width,
                        new float[COST_SAMPLES * width + Kernels.SLACK]);
                double sum = rowSum;
                assertEquals(sum, whole, 1e-9 * Math.abs(sum), () -> provider.name() + ": the cost of "
                        + COST_SAMPLES + " rows is " + whole + ", not the sum of the rows' costs " + sum);
            }
        }
    }

    /**
     * Over whole runs (3 epochs of 100 steps, 30 of 6,000), with an epoch result after each epoch that
     * never improves (so plateau schedules reduce), every rate is finite and greater than 0.
     */
    public void assertScheduleFiniteAndPositive(ScheduleProvider provider, Map<String, Object> values) {
        requireValid(PluginKind.SCHEDULE, provider, values);
        for (int[] run : RUNS) {
            LearningRateSchedule schedule = (LearningRateSchedule) build(PluginKind.SCHEDULE,
                    spec(provider, values, null, null));
            int epochs = run[0];
            int stepsPerEpoch = run[1];
            long step = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                double rate = Double.NaN;
                for (int i = 0; i < stepsPerEpoch; i++, step++) {
                    rate = schedule.rate(new TrainingProgress(epoch, step, stepsPerEpoch, epochs));
                    if (!(Double.isFinite(rate) && rate > 0)) {
                        fail(provider.name() + " gives the rate " + rate + " at step " + step + " (epoch " + epoch
                                + ") of a run of " + epochs + " epochs x " + stepsPerEpoch + " steps");
                    }
                }
                schedule.epochEnded(new EpochResult(epoch, 1.0, 1.0, 0.5, 1.0, rate, 1.0, 1.0, 0.5));
            }
        }
    }

    /**
     * The same seed gives the same bits and leaves the generator in the same state (the network draws
     * every layer from one generator); every value is written (what the array held before does not
     * matter) and finite; for weights and for biases, over several layer shapes.
     */
    public void assertInitializerSeededAndDeterministic(InitializerProvider provider, Map<String, Object> values) {
        requireValid(PluginKind.INITIALIZER, provider, values);
        PluginSpec spec = spec(provider, values, null, null);
        for (int[] shape : SHAPES) {
            int fanIn = shape[0];
            int fanOut = shape[1];
            for (int n : new int[] {fanIn * fanOut, fanOut}) {
                String where = provider.name() + " filling " + n + " values (fan-in " + fanIn + ", fan-out " + fanOut
                        + ")";
                float[] first = new float[n];
                float[] second = new float[n];
                Arrays.fill(second, Float.NaN);
                SplittableRandom a = new SplittableRandom(42);
                SplittableRandom b = new SplittableRandom(42);
                ((Initializer) build(PluginKind.INITIALIZER, spec)).initialize(first, fanIn, fanOut, a);
                ((Initializer) build(PluginKind.INITIALIZER, spec)).initialize(second, fanIn, fanOut, b);
                for (int i = 0; i < n; i++) {
                    int at = i;
                    assertTrue(Float.isFinite(first[i]), () -> where + ": value " + at + " is " + first[at]);
                    assertEquals(Float.floatToIntBits(first[i]), Float.floatToIntBits(second[i]), () -> where
                            + ": value " + at + " differs between two runs with the same seed (" + first[at] + ", "
                            + second[at] + "); draw only from the generator given, and write every value");
                }
                assertEquals(a.nextLong(), b.nextLong(), () -> where + ": the generator is left in different states "
                        + "by two runs with the same seed");
            }
        }
    }

    /** Fails, saying what to pass, unless {@code values} and the defaults make a valid spec. */
    private void requireValid(PluginKind kind, PluginProvider<?> provider, Map<String, Object> values) {
        try {
            registry.validate(kind, spec(provider, values, null, null));
        } catch (DescentException e) {
            List<String> required = provider.parameters().stream().filter(p -> p.defaultValue() == null)
                    .map(Parameter::name).toList();
            String hint = required.isEmpty() ? "" : "; pass values for its required parameters " + required
                    + ", e.g. assertAll(provider, Map.of(\"" + required.getFirst() + "\", ...))";
            fail(provider.name() + " cannot be built from " + (values.isEmpty() ? "its defaults" : values) + hint
                    + ": " + e.getMessage());
        }
    }

    private Object build(PluginKind kind, PluginSpec spec) {
        return switch (kind) {
            case COST -> registry.cost(spec);
            case INITIALIZER -> registry.initializer(spec);
            case SCHEDULE -> registry.schedule(spec);
            case OPTIMIZER -> registry.optimizer(spec);
            case SWEEP_ENGINE -> registry.sweepEngine(spec);
        };
    }

    private static PluginKind kindOf(PluginProvider<?> provider) {
        return switch (provider) {
            case CostProvider p -> PluginKind.COST;
            case InitializerProvider p -> PluginKind.INITIALIZER;
            case ScheduleProvider p -> PluginKind.SCHEDULE;
            case OptimizerProvider p -> PluginKind.OPTIMIZER;
            case SweepEngineProvider p -> PluginKind.SWEEP_ENGINE;
            default -> throw new IllegalArgumentException(provider.getClass().getName() + " is not a provider of a "
                    + "descent plugin kind (cost, initializer, schedule, optimizer, sweep engine)");
        };
    }

    /** The spec of {@code values}, with {@code name} set to {@code value} when name is not null. */
    private static PluginSpec spec(PluginProvider<?> provider, Map<String, Object> values, String name, Object value) {
        Map<String, Object> parameters = new LinkedHashMap<>(values);
        if (name != null) parameters.put(name, value);
        return new PluginSpec(provider.name(), parameters, "contract");
    }

    /** Values just outside a parameter's range, where the range has an outside. */
    private static double[] outside(Parameter p) {
        double below = p.min() == Double.MIN_VALUE ? 0 : p.min() - Math.max(1, Math.abs(p.min()));
        double above = p.max() + Math.max(1, Math.abs(p.max()));
        return Arrays.stream(new double[] {below, above}).filter(Double::isFinite).toArray();
    }

    /** A config value of the parameter's type: a Long for an integer within long's range, else a Double. */
    private static Object value(Parameter p, double v) {
        if (p.type() == Parameter.Type.INTEGER && v >= Long.MIN_VALUE && v < 0x1p63) return (long) v;
        return v;
    }

    /** A random output inside the activation's range, away from its bounds; or a weighted input for a fused cost. */
    private static float point(Cost cost, Activation activation, SplittableRandom random) {
        if (cost.fusesOutputActivation()) return (float) random.nextDouble(-4, 4);
        return (float) switch (activation) {
            case SIGMOID -> random.nextDouble(0.02, 0.98);
            case TANH -> random.nextDouble(-0.96, 0.96);
            case RELU -> random.nextDouble(0.02, 3);
            case IDENTITY -> random.nextDouble(-3, 3);
        };
    }
}
