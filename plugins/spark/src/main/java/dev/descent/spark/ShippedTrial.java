package dev.descent.spark;

import dev.descent.spi.TrialOutcome;
import java.io.Serializable;
import java.util.Map;

/**
 * A trial's result as an executor sends it to the driver: the outcome and the files of its run folder
 * (name to bytes), which the driver writes into the sweep's folder.
 */
record ShippedTrial(TrialOutcome outcome, Map<String, byte[]> files) implements Serializable {
    private static final long serialVersionUID = 1L;
}
