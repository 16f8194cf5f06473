/**
 * Data sets: the IDX reader ({@link dev.descent.data.IdxReader}), labelled images kept as bytes
 * ({@link dev.descent.data.Dataset}), where a named data set lives and how a missing one is fetched
 * ({@link dev.descent.data.DataLocator}, {@link dev.descent.data.Downloader}).
 */
package dev.descent.data;
