/**
 * CSV tables as training data ({@code data.format: csv}). {@link dev.descent.data.table.CsvTableReader}
 * reads a file with a header line through Jackson's streaming CSV parser into {@link
 * dev.descent.data.samples.Samples}: the feature columns as one float32 array, row-major, the label
 * column as class indices (classification) or the target columns as floats (regression). {@link
 * dev.descent.data.table.TableColumns} is what the user chose (columns by header name, defaults: the
 * last column is the label, every other one a feature); {@link dev.descent.data.table.TableLayout} is
 * that choice resolved against a header. {@link dev.descent.data.table.TableSchema} is what a model keeps
 * of its training table, enough to read test files (which must have the training file's columns) and
 * {@link dev.descent.data.table.TableInputs}, the rows {@code descent predict} reads. Every problem is
 * one {@link dev.descent.DescentException} line naming the file, the line and the column.
 */
package dev.descent.data.table;
