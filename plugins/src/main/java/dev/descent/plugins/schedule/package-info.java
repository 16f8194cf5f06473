/**
 * Built-in learning-rate schedules. Most are pure functions of {@link dev.descent.spi.TrainingProgress};
 * reduce-on-plateau keeps state fed by each epoch's result, so a schedule instance serves one run.
 */
package dev.descent.plugins.schedule;
