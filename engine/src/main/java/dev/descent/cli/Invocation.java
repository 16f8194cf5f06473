package dev.descent.cli;

/**
 * How the user started descent, for the commands that descent prints back (resume and replay hints):
 * the launcher exports {@code DESCENT_COMMAND} as it was typed ({@code ./descent}, a path, or a name on
 * {@code PATH}); without the launcher the hint says {@code descent}.
 */
public final class Invocation {
    private Invocation() {
    }

    /** The command to start descent again, as the user typed it, e.g. {@code ./descent}. */
    public static String command() {
        String typed = System.getenv("DESCENT_COMMAND");
        return typed == null || typed.isBlank() ? "descent" : typed;
    }
}
