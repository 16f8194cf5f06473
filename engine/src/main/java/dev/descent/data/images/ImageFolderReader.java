package dev.descent.data.images;

import dev.descent.DescentException;
import dev.descent.data.samples.ClassNames;
import dev.descent.data.samples.ClassTargets;
import dev.descent.data.samples.Samples;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Reads a folder of labelled pictures: one subfolder per class, named after it, holding that class's
 * pictures (PNG, JPEG, any size, scaled as {@link PictureReader} says). Names starting with a dot
 * ({@code .DS_Store}, {@code .git}) are skipped; anything else that is not a picture in a class folder is
 * an error, and so is a file or a folder where it would be lost (beside the class folders, or inside
 * one). Samples come class by class in class order, and in each class by file name, so the order does
 * not depend on the file system. Pictures are decoded in parallel; each goes to its own place in the
 * array, so the result is the same for any number of threads.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    /** Reads the training folder {@code folder}; its subfolders are the classes. */
    public static ImageSet readTraining(Path folder, ImageSize size) {
        Map<String, List<Path>> classes = classFolders(folder);
        if (classes.size() < 2) {
            throw new DescentException("%s has only one class folder, '%s'; classification needs at least two classes"
                    .formatted(folder, classes.keySet().iterator().next()));
        }
        return read(folder, size, ClassNames.sorted(classes.keySet()), classes);
    }

    /**
     * Reads the test folder {@code folder} for a model trained on {@code training}: every class folder
     * must be one of the training classes (a class may be missing), and the pictures are scaled to the
     * training size.
     */
    public static ImageSet readTest(Path folder, ImageSet training) {
        return readTest(folder, training.size(), training.classes(), training.samples().source());
    }

    /**
     * Reads the test folder {@code folder} for a model trained on {@code trainedOn}, whose pictures were
     * scaled to {@code size} and whose classes are {@code known}, as {@link #readTest(Path, ImageSet)} does.
     */
    public static ImageSet readTest(Path folder, ImageSize size, List<String> known, String trainedOn) {
        Map<String, List<Path>> classes = classFolders(folder);
        for (String name : classes.keySet()) {
            if (!known.contains(name)) {
                throw new DescentException(("%s: class folder '%s' is not a class of the training data %s;"
                        + " its classes are %s")
                        .formatted(folder.resolve(name), name, trainedOn, String.join(", ", known)));
            }
        }
        return read(folder, size, known, classes);
    }

    private static ImageSet read(Path folder, ImageSize size, List<String> classOrder,
                                 Map<String, List<Path>> classes) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classOrder.size(); c++) {
            for (Path file : classes.getOrDefault(classOrder.get(c), List.of())) {
                files.add(file);
                labels.add(c);
            }
        }
        int inputs = size.inputs();
        if ((long) files.size() * inputs > Integer.MAX_VALUE - 8) {
            throw new DescentException("%s holds %,d pictures of %s = %,d inputs, more than one Java array holds"
                    .formatted(folder, files.size(), size, (long) files.size() * inputs));
        }
        float[] features = new float[files.size() * inputs];
        DescentException[] failures = new DescentException[files.size()];
        AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            if (i > firstFailure.get()) return; // an earlier picture has failed: only it will be reported
            try {
                PictureReader.read(files.get(i), size, features, i * inputs);
            } catch (DescentException e) {
                failures[i] = e;
                firstFailure.accumulateAndGet(i, Math::min);
            }
        });
        if (firstFailure.get() != Integer.MAX_VALUE) throw failures[firstFailure.get()];
        int[] index = labels.stream().mapToInt(Integer::intValue).toArray();
        Samples samples = new Samples(folder.toString(), List.of(), files.size(), inputs, features,
                new ClassTargets(classOrder, index));
        return new ImageSet(size, samples, files.stream().map(Path::toString).toList());
    }

    /** The class folders of {@code folder}, each with its pictures sorted by name. */
    private static Map<String, List<Path>> classFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DescentException(folder + (Files.exists(folder) ? " is a file" : " does not exist")
                    + "; expected a folder with one subfolder of pictures per class");
        }
        List<Path> entries = list(folder);
        List<Path> loose = entries.stream().filter(p -> !Files.isDirectory(p)).toList();
        if (loose.size() == entries.size()) {
            throw new DescentException(folder + " has no class subfolders" + (loose.isEmpty() ? "" : " (only files)")
                    + "; expected one subfolder of pictures per class, named after the class");
        }
        if (!loose.isEmpty()) {
            throw new DescentException(("%s lies beside the class folders of %s;"
                    + " every picture belongs in the folder of its class")
                    .formatted(loose.getFirst(), folder));
        }
        Map<String, List<Path>> classes = new LinkedHashMap<>();
        for (Path entry : entries) {
            List<Path> pictures = new ArrayList<>();
            for (Path file : list(entry)) {
                if (Files.isDirectory(file)) {
                    throw new DescentException(("%s is a folder inside class folder %s;"
                            + " a class folder holds only pictures")
                            .formatted(file, entry));
                }
                pictures.add(file);
            }
            String name = entry.getFileName().toString();
            if (pictures.isEmpty()) {
                throw new DescentException("%s: class '%s' has no pictures; remove its folder or add pictures to it"
                        .formatted(entry, name));
            }
            classes.put(name, pictures);
        }
        return classes;
    }

    /** The entries of {@code folder} whose names do not start with a dot, sorted by name. */
    private static List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".")) entries.add(p);
            }
        } catch (IOException e) {
            throw new DescentException("cannot list folder " + folder + ": " + e, e);
        }
        entries.sort(null);
        return entries;
    }
}
