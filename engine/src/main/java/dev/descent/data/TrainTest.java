package dev.descent.data;

/** A data set's training and test parts. */
public record TrainTest(Dataset train, Dataset test) {
}
