/**
 * One parameter, one slope: the seed lesson's picture of gradient descent. Hold every weight and bias
 * of a network fixed but one ({@link dev.descent.slope.ParameterRef}), and the cost becomes a function
 * of that one number. {@link dev.descent.slope.SlopeProbe} samples that curve with its analytic slope
 * (from back-propagation) and walks down it with {@code w <- w - eta * dC/dw};
 * {@link dev.descent.slope.SlopeChart} draws both as SVG and PNG.
 */
package dev.descent.slope;
