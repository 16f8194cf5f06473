package dev.descent.config;

/** {@code data.dataset}: which data set to train and test on ({@code mnist} or {@code fashion-mnist}). */
public record DataConfig(String dataset) {
}
