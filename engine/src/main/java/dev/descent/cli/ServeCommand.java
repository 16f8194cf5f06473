package dev.descent.cli;

import dev.descent.DescentException;
import dev.descent.data.DataDescription;
import dev.descent.data.DataLocator;
import dev.descent.data.DatasetName;
import dev.descent.data.Downloader;
import dev.descent.model.TrainedModel;
import dev.descent.network.ModelFile;
import dev.descent.run.Checkpoint;
import dev.descent.run.RunFolder;
import dev.descent.serve.LoadedModel;
import dev.descent.serve.ServeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/**
 * {@code descent serve [RUN_OR_MODEL]}: a local page to draw a digit and watch the network answer, pick
 * test images, follow a run that is still training, and probe the slope of one weight. Runs until
 * Ctrl-C or SIGTERM, which stop the server and exit with 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Open a local web page that looks inside a network: draw a digit and see every layer answer,",
                "pick test images (or the mistakes), watch a run learn epoch by epoch, probe one weight's slope."})
final class ServeCommand implements Callable<Integer> {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_OR_MODEL",
            description = "a run folder (also one still training) or a model.safetensors"
                    + " (default: the newest run in runs/)")
    Path target;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "address to listen on (default: 127.0.0.1; anything else makes the page reachable by others)")
    String host = DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT",
            description = "port to listen on (default: 8080; 0 picks a free one)")
    int port = DEFAULT_PORT;

    @Option(names = "--open", description = "open the page in the desktop's browser (xdg-open or open)")
    boolean open;

    @Mixin
    DataOption data = new DataOption();

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist or fashion-mnist (default: the data set the model was trained on)")
    String dataset;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path served = target != null ? target : newestRun();
        if (!Files.exists(served)) {
            throw new DescentException(served + " does not exist (give a run folder or a model file)");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (ServeServer server = start(served, host, port, plugins, data.root, dataset, err)) {
            boolean handled = onSignal("INT", stop) & onSignal("TERM", stop);
            out.printf("descent: serving %s at %s (Ctrl-C stops)%n", served, server.address());
            out.flush();
            if (open) openBrowser(server.address(), err);
            if (!handled) Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        out.println("descent: server stopped");
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * Starts the server on a run folder or model file, as {@code serve} and {@code train --serve} do;
     * a non-loopback host gets a warning on {@code err}.
     */
    static ServeServer start(Path target, String host, int port, PluginOptions plugins, Path data, String dataset,
                             PrintWriter err) {
        if (port < 0 || port > 65535) throw new DescentException("--port " + port + " is not a port; use 0..65535");
        if (!isLoopback(host)) {
            err.println("descent: warning: --host " + host + " makes the page reachable from other machines; it has"
                    + " no login, and anyone who reaches it can read the model and the test images");
            err.flush();
        }
        // A run replaces its checkpoint every epoch: the cost plugin (config, registry) is resolved for the
        // first file, and again only when a later one names another cost or other cost parameters.
        LoadedModel.Loader loader = new LoadedModel.Loader() {
            private TrainedModel first;

            @Override
            public synchronized LoadedModel load(Path file) {
                if (first != null) {
                    ModelFile.Loaded loaded = ModelFile.read(file);
                    if (first.sameCost(loaded.metadata())) {
                        return new LoadedModel(file, loaded.network(), first.cost(), loaded.metadata());
                    }
                }
                first = TrainedModel.load(file, plugins);
                return new LoadedModel(first.file(), first.network(), first.cost(), first.metadata());
            }
        };
        // The data eval would measure the model on: a built-in set, or the run's own data from its config.yaml.
        return ServeServer.start(host, port, target, loader, model -> {
            DataDescription description = DataDescription.fromMetadata(model.file().toString(), model.metadata());
            if (dataset == null && !DatasetName.ids().contains(description.format())) {
                return ModelArgument.runData(model.file(), description, data);
            }
            DatasetName name = ModelArgument.dataset(dataset, model.file(), model.metadata());
            return DataLocator.load(name, data, new Downloader(), System.err);
        });
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;   // ServeServer.start reports it
        }
    }

    /** Ctrl-C and SIGTERM end the wait; false where this JVM cannot handle the signal. */
    private static boolean onSignal(String name, CountDownLatch stop) {
        try {
            Signal.handle(new Signal(name), signal -> stop.countDown());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The most recently changed folder in runs/ that holds a model or a checkpoint. */
    private static Path newestRun() throws IOException {
        Path runs = Path.of("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> folders = Files.list(runs)) {
                List<Path> candidates = folders.filter(f -> Files.isRegularFile(f.resolve(RunFolder.MODEL))
                        || Files.isRegularFile(f.resolve(Checkpoint.FILE))).toList();
                Comparator<Path> byTime = Comparator.comparingLong(f -> f.toFile().lastModified());
                if (!candidates.isEmpty()) return candidates.stream().max(byTime).orElseThrow();
            }
        }
        throw new DescentException("no RUN_OR_MODEL given and runs/ holds no run with a model or checkpoint; give a"
                + " run folder or a model file, e.g. descent serve runs/seed");
    }

    /** Best effort: the desktop's opener, or a line saying there is none. */
    private static void openBrowser(URI address, PrintWriter err) {
        for (String opener : List.of("xdg-open", "open")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path program = Path.of(dir.isEmpty() ? "." : dir, opener);
                if (Files.isExecutable(program)) {
                    try {
                        new ProcessBuilder(program.toString(), address.toString()).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                        return;
                    } catch (IOException e) {
                        err.println("descent: --open: " + program + " failed (" + e.getMessage() + "); open "
                                + address);
                        err.flush();
                        return;
                    }
                }
            }
        }
        err.println("descent: --open: found neither xdg-open nor open on the PATH; open " + address + " yourself");
        err.flush();
    }
}
