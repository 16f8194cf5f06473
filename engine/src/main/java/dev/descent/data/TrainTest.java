package dev.descent.data;

/** The training and test splits of one data set, with the same image size. */
public record TrainTest(Dataset train, Dataset test) {}
