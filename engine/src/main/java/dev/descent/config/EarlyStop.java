package dev.descent.config;

/**
 * {@code training.early-stop}: stop when {@code metric} ({@code validation-cost} or
 * {@code validation-accuracy}) has not improved for {@code patience} epochs, and keep the weights of
 * the best epoch.
 */
public record EarlyStop(String metric, int patience) {
    public boolean higherIsBetter() {
        return metric.equals("validation-accuracy");
    }
}
