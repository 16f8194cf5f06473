/**
 * Pictures as training data. {@link dev.descent.data.images.ImageFolderReader} reads {@code data.format:
 * images}: a folder with one subfolder per class (the class is the folder's name) of PNG or JPEG files of
 * any size; {@link dev.descent.data.images.IdxImageReader} reads {@code data.format: idx}: an images and
 * a labels file in the IDX format of the MNIST database, of any image size and up to 256 classes. Both
 * give an {@link dev.descent.data.images.ImageSet}: {@link dev.descent.data.samples.Samples} whose
 * inputs are the pixels of {@link dev.descent.data.images.ImageSize} (grey, or RGB interleaved), each an
 * 8-bit value times {@link dev.descent.data.images.ImageSet#PIXEL_SCALE}: the same float, bit for bit,
 * that the built-in MNIST path feeds the network for the same byte. {@link
 * dev.descent.data.images.PictureReader} checks a file's header before it decodes a pixel.
 */
package dev.descent.data.images;
