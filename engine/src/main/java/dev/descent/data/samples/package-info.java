/**
 * Samples in memory, whatever file they came from: {@link dev.descent.data.samples.Samples} holds the
 * inputs of one split as a single float32 array, row-major, with their {@link
 * dev.descent.data.samples.Targets}: class indices ({@link dev.descent.data.samples.ClassTargets}, the
 * class names in {@link dev.descent.data.samples.ClassNames}' sorted order) or target values ({@link
 * dev.descent.data.samples.RegressionTargets}). The CSV, image-folder and IDX readers all produce this
 * one shape, so the training loop needs to know only it.
 */
package dev.descent.data.samples;
