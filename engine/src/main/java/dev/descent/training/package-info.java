/**
 * Mini-batch stochastic gradient descent: {@link dev.descent.training.Trainer} shuffles, batches,
 * back-propagates and steps, and announces what it does to {@link dev.descent.training.TrainingListener}s
 * (see {@code dev.descent.training.listener}), which see the run through
 * {@link dev.descent.training.RunState}; a saved {@link dev.descent.training.TrainingState} is put back
 * by the resume step; {@link dev.descent.training.WarmUp} says how long the JIT warm-up runs;
 * {@link dev.descent.training.Evaluator} measures a network on a test set.
 */
package dev.descent.training;
