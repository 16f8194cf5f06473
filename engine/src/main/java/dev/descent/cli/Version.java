package dev.descent.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when running from classes. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"descent " + get() + " (Java " + Runtime.version() + ")"};
    }
}
