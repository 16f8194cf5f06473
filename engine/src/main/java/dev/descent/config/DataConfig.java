package dev.descent.config;

/**
 * {@code data.dataset}: which data set to train and test on ({@code mnist} or {@code fashion-mnist});
 * {@code data.validation}: how many training samples to hold out, chosen with the seed (0 = none).
 */
public record DataConfig(String dataset, int validation) {
}
