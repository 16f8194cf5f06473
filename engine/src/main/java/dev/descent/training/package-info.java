/**
 * Mini-batch stochastic gradient descent: {@link dev.descent.training.Trainer} shuffles, batches,
 * back-propagates and steps; {@link dev.descent.training.Evaluator} measures a network on a test set.
 */
package dev.descent.training;
