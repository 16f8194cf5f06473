package dev.descent.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an exported ONNX file on ONNX Runtime, as a user of the export would, on one thread. */
final class OnnxRuntimeSession {
    private OnnxRuntimeSession() {
    }

    /** The model's {@code output} for {@code rows} inputs of {@code features} values, row-major. */
    static float[][] run(Path model, float[] inputs, int rows, int features) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs), new long[] {rows, features});
                 OrtSession.Result result = session.run(Map.of("input", input))) {
                return (float[][]) result.get("output").orElseThrow().getValue();
            }
        }
    }
}
