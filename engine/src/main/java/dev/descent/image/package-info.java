/**
 * Pictures of digits as the network sees them. {@link dev.descent.image.ImageFiles} reads a PNG or JPEG
 * (any size, grey or colour, with or without alpha) into a {@link dev.descent.image.GrayImage} after
 * checking its header; {@link dev.descent.image.DigitPreprocessor} turns that into the 28x28 field of
 * ink values in [0, 1] that MNIST's digits were made into: light background, bounding box, 20x20 box,
 * centre of mass in the middle.
 */
package dev.descent.image;
