package dev.descent.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model's bytes on ONNX Runtime, one thread (the test machines are shared). */
final class OnnxRuntime {
    private OnnxRuntime() {
    }

    /** The model's {@code output} for {@code rows} inputs of {@code features} values, row-major. */
    static float[][] run(byte[] model, float[] inputs, int rows, int features) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs), new long[] {rows, features});
                 OrtSession.Result result = session.run(Map.of(OnnxWriter.INPUT, input))) {
                return (float[][]) result.get(OnnxWriter.OUTPUT).orElseThrow().getValue();
            }
        }
    }

    /** The model's declared inputs and outputs by name. */
    static Map<String, NodeInfo> signature(byte[] model, boolean inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            return inputs ? session.getInputInfo() : session.getOutputInfo();
        }
    }

    static OnnxModelMetadata metadata(byte[] model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            return session.getMetadata();
        }
    }
}
