package dev.descent.data.images;

import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import java.util.List;

/**
 * Labelled pictures: their {@link ImageSize}, the samples (inputs in [0, 1], class targets) and, for each
 * sample, where it came from (a picture's path, or an IDX file with the image's index) for messages and
 * predictions. {@code entries} is kept as given (for IDX files a view that builds each name when asked):
 * pass an unmodifiable list.
 */
public record ImageSet(ImageSize size, Samples samples, List<String> entries) {
    /**
     * The input of an 8-bit value v is {@code v * PIXEL_SCALE}: a multiplication by the float nearest
     * 1/255, not a division, because that is what the built-in MNIST path (training.Batches and the
     * kernels' unsignedBytesToFloats) computes; the two agree bit for bit only if both multiply.
     */
    public static final float PIXEL_SCALE = 1f / 255f;

    public ImageSet {
        if (samples.width() != size.inputs()) {
            throw new IllegalArgumentException("%s pictures need %d inputs, samples have %d"
                    .formatted(size, size.inputs(), samples.width()));
        }
        if (!(samples.targets() instanceof ClassTargets)) {
            throw new IllegalArgumentException("pictures are labelled with classes");
        }
        if (entries.size() != samples.count()) {
            throw new IllegalArgumentException(entries.size() + " entries for " + samples.count() + " samples");
        }
    }

    /** The class names, in class order. */
    public List<String> classes() {
        return ((ClassTargets) samples.targets()).classes();
    }
}
