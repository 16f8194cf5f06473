package dev.descent.spi;

/** The kinds of plugin, each a ServiceLoader service with its own name space. */
public enum PluginKind {
    COST("cost", CostProvider.class),
    INITIALIZER("initializer", InitializerProvider.class),
    SCHEDULE("schedule", ScheduleProvider.class),
    OPTIMIZER("optimizer", OptimizerProvider.class),
    SWEEP_ENGINE("sweep engine", SweepEngineProvider.class);

    private final String label;
    private final Class<? extends PluginProvider<?>> service;

    PluginKind(String label, Class<? extends PluginProvider<?>> service) {
        this.label = label;
        this.service = service;
    }

    /** How messages name the kind: {@code cost}, {@code initializer}, {@code schedule}. */
    public String label() {
        return label;
    }

    public Class<? extends PluginProvider<?>> service() {
        return service;
    }
}
