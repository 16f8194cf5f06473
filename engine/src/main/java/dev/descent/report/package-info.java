/**
 * The run report: {@code report.html} (one self-contained page: inline SVG charts, PNG images as
 * {@code data:} URIs, inline CSS, no scripts, nothing fetched), and {@code curves.png} and
 * {@code weights.png} for terminal users. {@link dev.descent.report.RunReport} builds it from a run
 * folder's files, the trained network and the test set, and writes the three files atomically.
 *
 * <p>Charts are drawn once, on a {@link dev.descent.report.Canvas}: {@link dev.descent.report.SvgCanvas}
 * turns the drawing into SVG for the page, {@link dev.descent.report.AwtCanvas} into pixels for the
 * PNGs, so the two always show the same axes, ticks and legend.
 */
package dev.descent.report;
