package dev.descent.modules;

import dev.descent.api.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A library user's program: loads the model file {@code args[0]} with {@link Model} and prints the bits
 * of its outputs for two fixed inputs, one at a time and as a batch, then the classes. Run by
 * {@link ModuleDescriptorsTest} in a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
public final class PredictFromJava {
    private PredictFromJava() {
    }

    public static void main(String[] args) {
        System.out.println(outputs(Path.of(args[0])));
    }

    /** The outputs' bits in hex, one line per prediction. */
    static String outputs(Path file) {
        Model model = Model.load(file);
        float[][] inputs = new float[2][model.inputSize()];
        for (int i = 0; i < model.inputSize(); i++) {
            inputs[0][i] = (i * 37 % 256) * (1f / 255);
            inputs[1][i] = (i % 28) / 27f;
        }
        List<String> lines = new ArrayList<>();
        for (float[] input : inputs) lines.add(bits(model.predict(input)));
        for (float[] output : model.predict(inputs)) lines.add(bits(output));
        lines.add(model.classify(inputs[0]) + " " + model.classify(inputs[1]));
        return String.join("\n", lines);
    }

    private static String bits(float[] values) {
        StringBuilder text = new StringBuilder();
        for (float v : values) text.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
        return text.toString().strip();
    }
}
