package dev.descent.testkit;

import dev.descent.spi.Cost;
import dev.descent.spi.CostProvider;
import dev.descent.spi.Initializer;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.LearningRateSchedule;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.ScheduleProvider;
import java.util.List;
import java.util.Random;

/**
 * Providers for the kit's own tests, one right and several wrong, registered in this module's test
 * resources (META-INF/services) so that the kit's registry finds them as it finds a plugin project's.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** 1/2 ||a - y||^2 with the gradient {@code factor (a - y)}. */
    static Cost quadratic(double factor) {
        return (a, y, rows, width, g) -> {
            double sum = 0;
            for (int i = 0; i < rows * width; i++) {
                double d = (double) a[i] - y[i];
                g[i] = (float) (factor * d);
                sum += 0.5 * d * d;
            }
            return sum;
        };
    }

    /** Right: a quadratic cost with a declared, defaulted, ranged parameter it does not need. */
    public static final class GoodCost implements CostProvider {
        public String name() {
            return "good-cost";
        }

        public String description() {
            return "1/2 ||a - y||^2";
        }

        public List<Parameter> parameters() {
            return List.of(Parameter.number("weight", 1.0, 0.0, 10.0, "unused"));
        }

        public Cost create(Parameters p) {
            return quadratic(1);
        }
    }

    /** The gradient of 1/2 ||a - y||^2 written as 2 (a - y). */
    public static final class TwiceTheGradient implements CostProvider {
        public String name() {
            return "twice-the-gradient";
        }

        public String description() {
            return "1/2 ||a - y||^2 with the gradient 2 (a - y)";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Cost create(Parameters p) {
            return quadratic(2);
        }
    }

    /** A default outside its own range. */
    public static final class DefaultOutOfRange implements CostProvider {
        public String name() {
            return "default-out-of-range";
        }

        public String description() {
            return "its delta defaults to 5 in [0, 1]";
        }

        public List<Parameter> parameters() {
            return List.of(Parameter.number("delta", 5.0, 0.0, 1.0, "a threshold"));
        }

        public Cost create(Parameters p) {
            return quadratic(1);
        }
    }

    /** Not kebab-case. */
    public static final class CamelCase implements CostProvider {
        public String name() {
            return "camelCase";
        }

        public String description() {
            return "named in camel case";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Cost create(Parameters p) {
            return quadratic(1);
        }
    }

    /** Right: 1 / (1 + step / 100). */
    public static final class GoodSchedule implements ScheduleProvider {
        public String name() {
            return "good-schedule";
        }

        public String description() {
            return "inverse time decay";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public LearningRateSchedule create(Parameters p) {
            return progress -> 1.0 / (1 + progress.step() / 100.0);
        }
    }

    /** Right, with a required parameter: 1 + sin^2 of the step over a period. */
    public static final class NeedsPeriod implements ScheduleProvider {
        public String name() {
            return "needs-period";
        }

        public String description() {
            return "oscillates between 1 and 2";
        }

        public List<Parameter> parameters() {
            return List.of(Parameter.requiredNumber("period", 1, 1e6, "required; steps per oscillation"));
        }

        public LearningRateSchedule create(Parameters p) {
            double period = p.number("period");
            return progress -> 1 + Math.pow(Math.sin(Math.PI * progress.step() / period), 2);
        }
    }

    /** Linear decay that reaches 0 at the last step of the run. */
    public static final class DecaysToZero implements ScheduleProvider {
        public String name() {
            return "decays-to-zero";
        }

        public String description() {
            return "linear decay to 0 at the last step";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public LearningRateSchedule create(Parameters p) {
            return progress -> {
                long last = (long) progress.epochs() * progress.stepsPerEpoch() - 1;
                return 1.0 - (double) progress.step() / last;
            };
        }
    }

    /** Right: uniform in [-1, 1) from the generator given. */
    public static final class GoodInitializer implements InitializerProvider {
        public String name() {
            return "good-initializer";
        }

        public String description() {
            return "uniform in [-1, 1)";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Initializer create(Parameters p) {
            return (values, fanIn, fanOut, random) -> {
                for (int i = 0; i < values.length; i++) values[i] = (float) random.nextDouble(-1, 1);
            };
        }
    }

    /** Draws from a generator of its own, seeded by the clock: not reproducible. */
    public static final class Unseeded implements InitializerProvider {
        public String name() {
            return "unseeded";
        }

        public String description() {
            return "uniform from its own generator";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Initializer create(Parameters p) {
            Random own = new Random();
            return (values, fanIn, fanOut, random) -> {
                for (int i = 0; i < values.length; i++) values[i] = (float) own.nextGaussian();
            };
        }
    }

    /** A constant that leaves every other value as it was. */
    public static final class SkipsValues implements InitializerProvider {
        public String name() {
            return "skips-values";
        }

        public String description() {
            return "writes only the even entries";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Initializer create(Parameters p) {
            return (values, fanIn, fanOut, random) -> {
                for (int i = 0; i < values.length; i += 2) values[i] = 0.5f;
            };
        }
    }

    /** Right, but missing from META-INF/services. */
    public static final class Unregistered implements CostProvider {
        public String name() {
            return "unregistered";
        }

        public String description() {
            return "not listed in META-INF/services";
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public Cost create(Parameters p) {
            return quadratic(1);
        }
    }
}
