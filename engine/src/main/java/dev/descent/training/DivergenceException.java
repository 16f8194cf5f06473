package dev.descent.training;

import dev.descent.DescentException;

/**
 * Training produced a NaN or infinite cost, gradient or parameter (the message names the epoch, the
 * step and the cost plugin, and suggests a smaller learning rate), or the schedule plugin gave a rate
 * that is not a number (the message names the schedule). A user error (exit code 2): the config or a plugin, not
 * descent, made the numbers blow up. Thrown before anything of the failing epoch is written, so the
 * run folder keeps the last good checkpoint.
 */
public final class DivergenceException extends DescentException {
    private static final long serialVersionUID = 1L;

    public DivergenceException(String message) {
        super(message);
    }
}
