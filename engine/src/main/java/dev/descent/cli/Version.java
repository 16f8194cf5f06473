package dev.descent.cli;

import dev.descent.run.TrainingRun;
import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when running from classes. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        return TrainingRun.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"descent " + get() + " (Java " + Runtime.version() + ")"};
    }
}
