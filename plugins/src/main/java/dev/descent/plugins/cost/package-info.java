/**
 * Built-in cost functions. Each reads a mini-batch's output activations and targets, returns the
 * summed cost and writes dC/da; the trainer owns every array and averages the cost.
 */
package dev.descent.plugins.cost;
