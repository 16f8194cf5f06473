/**
 * What happens around the training loop, each a small {@link dev.descent.training.TrainingListener}:
 * {@link dev.descent.training.listener.DivergenceCheck} ends a run whose numbers stopped being finite,
 * {@link dev.descent.training.listener.EarlyStopping} and
 * {@link dev.descent.training.listener.GradientNormStop} end it when it has learned what it will,
 * {@link dev.descent.training.listener.Checkpoints} saves its state,
 * {@link dev.descent.training.listener.ProgressListener} draws its progress, and
 * {@link dev.descent.training.listener.ChanceLevelWarning} says when a first epoch learned nothing.
 */
package dev.descent.training.listener;
