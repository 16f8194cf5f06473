import dev.descent.spi.CostProvider;
import dev.descent.spi.InitializerProvider;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ScheduleProvider;
import dev.descent.spi.SweepEngineProvider;
import dev.descent.sweep.LocalSweepEngine;

/**
 * The descent engine: kernels, network, training loop, data readers, config binding, plugin SPI and
 * command line. A library user meets {@code dev.descent.api} (a trained model, an experiment to train);
 * a plugin author three packages: the SPI, the kernels an optimizer is handed, and
 * {@link dev.descent.DescentException} for bad input. Everything else is the engine's own and stays
 * unexported, so it can change between versions without breaking a user or a plugin.
 *
 * <p>The launcher and the tests run descent on the class path, where this descriptor is ignored;
 * on the module path it is checked by {@code ModuleDescriptorsTest}.
 */
module dev.descent.engine {
    // Library users: Model, Experiment, Run, PluginFolder.
    exports dev.descent.api;
    // Plugin authors: the factories and working objects they implement, and the exception for bad input
    // (plugins throw it too).
    exports dev.descent;
    exports dev.descent.spi;
    // Forced by the SPI's signatures: Optimizer.prepare is handed the Kernels, CostProvider names the
    // output Activations it accepts. ScalarKernels and KernelProvider come along (a package is exported
    // whole); the SIMD kernels in kernel.simd do not.
    exports dev.descent.kernel;

    // Optional: without --add-modules jdk.incubator.vector the module is not resolved, and
    // KernelProvider (which loads kernel.simd by name) falls back to scalar with one line on stderr.
    requires static jdk.incubator.vector;

    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.dataformat.csv;   // CSV tables (data/table)
    requires org.yaml.snakeyaml;   // the YAML parser's limits (LoaderOptions) in ConfigLoader
    requires info.picocli;
    requires java.desktop;         // AWT and ImageIO: the report's PNG charts, the digit images
    requires java.management;      // WarmUp watches the JIT's compilation time
    requires java.net.http;        // Downloader fetches the data sets
    requires jdk.httpserver;       // descent serve's local page
    requires jdk.unsupported;      // sun.misc.Signal: SIGTERM handled like Ctrl-C

    // picocli builds the commands and sets their annotated fields by reflection.
    opens dev.descent.cli to info.picocli;

    uses CostProvider;
    uses InitializerProvider;
    uses OptimizerProvider;
    uses ScheduleProvider;
    uses SweepEngineProvider;

    // The same provider as META-INF/services/dev.descent.spi.SweepEngineProvider, which the class path reads.
    provides SweepEngineProvider with LocalSweepEngine.Provider;
}
