package dev.descent.spi;

import dev.descent.kernel.Activation;
import java.util.EnumSet;
import java.util.Set;

/** ServiceLoader service for cost functions ({@code cost.name} in a config). */
public interface CostProvider extends PluginProvider<Cost> {
    /**
     * The output activations ({@code network.activation}) the cost is defined on; a config pairing it
     * with another is refused at load time. Every activation unless overridden: a cost defined on any
     * real output, or one that fuses its own output activation, has no requirement.
     */
    default Set<Activation> outputActivations() {
        return EnumSet.allOf(Activation.class);
    }
}
