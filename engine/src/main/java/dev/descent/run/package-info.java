/**
 * The run folder a training run writes: {@code config.yaml}, {@code metrics.csv},
 * {@code model.safetensors}, {@code summary.json}. Every file is written atomically, so a killed run
 * leaves each file complete or absent.
 */
package dev.descent.run;
