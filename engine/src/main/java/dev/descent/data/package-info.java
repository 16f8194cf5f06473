/**
 * Training data: the IDX files of the MNIST database and of Fashion-MNIST. {@link
 * dev.descent.data.IdxReader} reads one file (gzip or raw, told apart by content) and checks its
 * structure; a {@link dev.descent.data.Dataset} holds the images of one split as unsigned bytes with
 * their labels; {@link dev.descent.data.DataLocator} finds a data set's folder and has the {@link
 * dev.descent.data.Downloader} fetch, with published checksums, the files that are missing. Every
 * problem a user can fix is a {@link dev.descent.DescentException} naming the file. A user's own data
 * (CSV tables, picture folders, other IDX sets) is read by the subpackages {@code table} and {@code
 * images} into the float32 {@code samples} that {@code normalize} rescales.
 */
package dev.descent.data;
