package dev.descent.spark;

import dev.descent.DescentException;
import dev.descent.io.AtomicFiles;
import dev.descent.spi.Parameter;
import dev.descent.spi.Parameters;
import dev.descent.spi.SweepEngine;
import dev.descent.spi.SweepEngineProvider;
import dev.descent.spi.SweepJob;
import dev.descent.spi.SweepTrial;
import dev.descent.spi.TrialOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The {@code spark} sweep engine: one Spark job whose tasks are the trials, one trial per partition,
 * each on one executor core through {@link dev.descent.sweep.TrialRunner}. As each task ends, its
 * outcome and run folder come back to the driver, which writes them into the sweep's folder, so the
 * folder is the one the {@code local} engine writes, trial for trial and bit for bit.
 *
 * <p>The master is {@code master} when set; else the one spark-submit gave ({@code spark.master});
 * else {@code local[parallel]} ({@code local[*]} for 0). Other Spark settings come from spark-submit
 * or {@code -Dspark.*} system properties, as for any Spark application. The executors read the data
 * from {@code data-dir}, else from the driver's data root path (shared storage), or, with
 * {@code ship-data}, from a copy that goes with the job.
 */
public final class SparkSweepEngine implements SweepEngine {
    private final String master;
    private final int parallel;
    private final String dataDir;
    private final boolean shipData;

    SparkSweepEngine(String master, int parallel, String dataDir, boolean shipData) {
        this.master = master;
        this.parallel = parallel;
        this.dataDir = dataDir;
        this.shipData = shipData;
    }

    @Override
    public String describe(SweepJob job) {
        return "spark, master " + conf().get("spark.master") + (shipData ? ", data shipped with the job" : "");
    }

    /** The Spark configuration: spark.* system properties (spark-submit sets them), the master, executor options. */
    SparkConf conf() {
        SparkConf conf = new SparkConf();
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + (parallel > 0 ? Integer.toString(parallel) : "*") + "]");
        }
        conf.setIfMissing("spark.app.name", "descent sweep");
        // The sweep prints its own progress; Spark's start-up INFO lines would bury it (-Dspark.log.level=INFO brings
        // them back).
        conf.setIfMissing("spark.log.level", "WARN");
        // As the launcher runs descent: with tiered compilation the Vector API kernels stay slow for seconds.
        String options = conf.get("spark.executor.extraJavaOptions", "");
        if (!options.contains("TieredCompilation")) {
            conf.set("spark.executor.extraJavaOptions", (options + " -XX:-TieredCompilation").strip());
        }
        return conf;
    }

    @Override
    public void run(SweepJob job) {
        List<SweepTrial> trials = job.trials();
        if (trials.isEmpty()) return;
        SparkConf conf = conf();
        ExecutorClassPath.configure(conf);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "descent-sweep-stop");
            t.setDaemon(true);
            return t;
        });
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            String executorRoot = dataDir.isEmpty() ? job.dataRoot().toString() : dataDir;
            if (shipData) {
                for (String dataset : trials.stream().map(SweepTrial::dataset).distinct().toList()) {
                    spark.sc().addFile(job.dataRoot().resolve(dataset).toString(), true);
                }
                executorRoot = null;
            }
            spark.sc().addSparkListener(new TaskStarts(trials, job));
            watcher.scheduleWithFixedDelay(() -> {
                if (job.stopRequested()) spark.cancelAllJobs();
            }, 200, 200, TimeUnit.MILLISECONDS);
            JavaRDD<SweepTrial> rdd = spark.parallelize(trials, trials.size());
            String pluginsDir = job.pluginsDir() == null ? null : job.pluginsDir().toString();
            ClassTag<ShippedTrial> tag = ClassTag$.MODULE$.apply(ShippedTrial.class);
            spark.sc().runJob(rdd.rdd(), new TrialTask(executorRoot, pluginsDir), new Results(trials, job), tag);
        } catch (Exception e) {
            // Scala code throws SparkException, a checked exception Java cannot see coming.
            if (job.stopRequested()) return;   // the job was cancelled: the sweep records what finished
            if (e instanceof DescentException d) throw d;
            if (e instanceof SparkException || e.getCause() instanceof SparkException) {
                throw new DescentException("the Spark job failed: " + firstLine(e.getMessage())
                        + "; finished trials are recorded, run the sweep again to continue", e);
            }
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        } finally {
            watcher.shutdownNow();
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "no message";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Tells the sweep when a trial's task starts (a retried task starts again). */
    private static final class TaskStarts extends SparkListener {
        private final List<SweepTrial> trials;
        private final SweepJob job;

        TaskStarts(List<SweepTrial> trials, SweepJob job) {
            this.trials = trials;
            this.job = job;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            int index = start.taskInfo().index();
            if (index >= 0 && index < trials.size()) job.started(trials.get(index));
        }
    }

    /** On the driver, as each task's result arrives: the trial's files into its folder, then its outcome. */
    private static final class Results extends AbstractFunction2<Object, ShippedTrial, BoxedUnit> {
        private final List<SweepTrial> trials;
        private final SweepJob job;

        Results(List<SweepTrial> trials, SweepJob job) {
            this.trials = trials;
            this.job = job;
        }

        @Override
        public BoxedUnit apply(Object partition, ShippedTrial shipped) {
            SweepTrial trial = trials.get((Integer) partition);
            TrialOutcome outcome = shipped.outcome();
            if (!trial.id().equals(outcome.id())) {
                throw new IllegalStateException("partition " + partition + " ran trial " + outcome.id() + ", not "
                        + trial.id());
            }
            if (outcome.status() != TrialOutcome.Status.INTERRUPTED) write(job.folder(trial), shipped.files());
            job.finished(outcome);
            return BoxedUnit.UNIT;
        }

        /** Replaces the folder's files with the trial's, each written atomically. */
        private static void write(Path folder, Map<String, byte[]> files) {
            try {
                Files.createDirectories(folder);
                try (Stream<Path> old = Files.list(folder)) {
                    for (Path f : old.toList()) if (Files.isRegularFile(f)) Files.delete(f);
                }
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    byte[] bytes = f.getValue();
                    AtomicFiles.write(folder.resolve(f.getKey()), out -> out.write(bytes));
                }
            } catch (IOException e) {
                throw new DescentException("cannot write the trial folder " + folder + ": " + e.getMessage());
            }
        }
    }

    public static final class Provider implements SweepEngineProvider {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public String description() {
            return "trials as tasks of an Apache Spark job, on a cluster or local[N]";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(
                    Parameter.string("master", "",
                            "spark://host:7077, local[N], ...; empty: spark-submit's, else local[parallel]"),
                    Parameter.integer("parallel", 0, 0, 4096,
                            "N of local[N] when no master is given; 0 means local[*]"),
                    Parameter.string("data-dir", "",
                            "data root on the executors; empty: the driver's (shared storage)"),
                    Parameter.bool("ship-data", false,
                            "send the data sets with the job instead of reading them on the executors"));
        }

        @Override
        public SparkSweepEngine create(Parameters parameters) {
            String master = parameters.string("master").strip();
            return new SparkSweepEngine(master, (int) parameters.integer("parallel"),
                    parameters.string("data-dir").strip(), parameters.bool("ship-data"));
        }
    }
}
