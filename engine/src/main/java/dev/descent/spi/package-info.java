/**
 * The plugin SPI. A plugin is a small factory, a {@link dev.descent.spi.PluginProvider}, found with
 * {@link java.util.ServiceLoader}: it has a kebab-case name, a description, the parameters it takes
 * and a {@code create} method that builds the working object (a {@link dev.descent.spi.Cost}, an
 * {@link dev.descent.spi.Initializer}, a {@link dev.descent.spi.LearningRateSchedule}, an
 * {@link dev.descent.spi.Optimizer}, or a {@link dev.descent.spi.SweepEngine}, which runs a sweep's
 * trials: {@code local} is built in, {@code spark} comes with the {@code plugins/spark} module). Only
 * {@link dev.descent.spi.PluginRegistry} calls ServiceLoader.
 */
package dev.descent.spi;
