/**
 * Input and target normalisation ({@code data.normalize}, {@code data.normalize-targets}). {@link
 * dev.descent.data.normalize.FeatureScaling} is fitted on the training samples only and then applied,
 * unchanged, to the training, validation and test samples and to every input a model sees later;
 * {@link dev.descent.data.normalize.TargetScaling} standardises regression targets the same way and maps
 * predictions back to the targets' units. Both are small records of statistics (doubles), so a model file
 * can store them and eval and predict can apply exactly the training-time arithmetic.
 */
package dev.descent.data.normalize;
