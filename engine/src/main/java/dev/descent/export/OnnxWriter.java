package dev.descent.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ForwardPass} as an ONNX model (IR version 7, opset 13), encoded by hand: the graph takes one
 * float input {@value #INPUT} of shape {@code [N, features]} and gives one output {@value #OUTPUT} of
 * shape {@code [N, outputs]}, N being symbolic. The nodes, in order:
 * <pre>
 *   Sub(input, input.mean) -> Div(., input.scale)          only with a normalisation
 *   Gemm(x, layer1.weight, layer1.bias, transB=1) -> Sigmoid | Tanh | Relu | Softmax(axis=1) | nothing
 *   ... the same for every layer
 *   Mul(., output.scale) -> Add(., output.mean)            only with an output scaling (a regression)
 *   the last node's output is named "output"
 * </pre>
 * Weights are stored as the model file holds them, {@code [outputs, inputs]}, hence {@code transB}.
 * Tensors are float32 in {@code raw_data}, little-endian. Field numbers are those of onnx.proto.
 */
public final class OnnxWriter {
    public static final int OPSET = 13;
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    /** IR version 7 is the one ONNX 1.8 released with opset 13. */
    static final int IR_VERSION = 7;

    // onnx.proto field numbers, by message.
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_DOC_STRING = 6;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_METADATA_PROPS = 14;
    private static final int OPSET_VERSION = 2;         // OperatorSetIdProto; domain (1) absent = ai.onnx
    private static final int ENTRY_KEY = 1;             // StringStringEntryProto
    private static final int ENTRY_VALUE = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_TYPE_FLOAT = 1;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int VALUE_INFO_DOC_STRING = 3;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /** The batch dimension's symbolic name. */
    private static final String BATCH = "N";

    private OnnxWriter() {
    }

    /**
     * Writes the model's bytes.
     *
     * @param producerVersion descent's version, recorded as the producer's
     * @param inputMeaning what the values of {@value #INPUT} are, for the input's doc string
     * @param metadata pairs for the model's {@code metadata_props}, in order
     */
    public static void write(OutputStream out, ForwardPass pass, String producerVersion, String inputMeaning,
                             Map<String, String> metadata) throws IOException {
        out.write(encode(pass, producerVersion, inputMeaning, metadata));
    }

    static byte[] encode(ForwardPass pass, String producerVersion, String inputMeaning, Map<String, String> metadata) {
        ProtoWriter model = new ProtoWriter()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "descent")
                .string(MODEL_PRODUCER_VERSION, producerVersion)
                .string(MODEL_DOC_STRING, "A fully connected network trained by descent. Input: " + inputMeaning)
                .message(MODEL_GRAPH, graph(pass, inputMeaning))
                .message(MODEL_OPSET_IMPORT, new ProtoWriter().varint(OPSET_VERSION, OPSET));
        metadata.forEach((key, value) -> model.message(MODEL_METADATA_PROPS,
                new ProtoWriter().string(ENTRY_KEY, key).string(ENTRY_VALUE, value)));
        return model.toByteArray();
    }

    private record Node(String name, String operator, List<String> inputs, String output,
                        Map<String, Long> attributes) {
    }

    private static ProtoWriter graph(ForwardPass pass, String inputMeaning) {
        ProtoWriter graph = new ProtoWriter();
        List<Node> nodes = new ArrayList<>();
        String x = INPUT;
        InputNormalization norm = pass.normalization();
        if (norm != null) {
            int features = norm.features();
            graph.message(GRAPH_INITIALIZER, tensor("input.mean", norm.mean(), features));
            graph.message(GRAPH_INITIALIZER, tensor("input.scale", norm.scale(), features));
            nodes.add(new Node("input.sub", "Sub", List.of(x, "input.mean"), "input.centred", Map.of()));
            nodes.add(new Node("input.div", "Div", List.of("input.centred", "input.scale"), "input.normalized",
                    Map.of()));
            x = "input.normalized";
        }
        for (int l = 1; l <= pass.layers().size(); l++) {
            DenseLayer layer = pass.layers().get(l - 1);
            String prefix = "layer" + l;
            graph.message(GRAPH_INITIALIZER,
                    tensor(prefix + ".weight", layer.weights(), layer.outputs(), layer.inputs()));
            graph.message(GRAPH_INITIALIZER, tensor(prefix + ".bias", layer.biases(), layer.outputs()));
            nodes.add(new Node(prefix + ".gemm", "Gemm", List.of(x, prefix + ".weight", prefix + ".bias"),
                    prefix + ".z", Map.of("transB", 1L)));
            x = prefix + ".z";
            String operator = layer.activation().operator();
            if (operator != null) {
                Map<String, Long> attributes =
                        layer.activation() == LayerActivation.SOFTMAX ? Map.of("axis", 1L) : Map.of();
                String name = prefix + "." + operator.toLowerCase(Locale.ROOT);
                nodes.add(new Node(name, operator, List.of(x), prefix + ".a", attributes));
                x = prefix + ".a";
            }
        }
        OutputScaling scaling = pass.scaling();
        if (scaling != null) {
            graph.message(GRAPH_INITIALIZER, tensor("output.scale", scaling.scale(), scaling.outputs()));
            graph.message(GRAPH_INITIALIZER, tensor("output.mean", scaling.mean(), scaling.outputs()));
            nodes.add(new Node("output.mul", "Mul", List.of(x, "output.scale"), "output.scaled", Map.of()));
            nodes.add(new Node("output.add", "Add", List.of("output.scaled", "output.mean"), "output.units",
                    Map.of()));
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            ProtoWriter node = new ProtoWriter();
            for (String input : n.inputs()) node.string(NODE_INPUT, input);
            node.string(NODE_OUTPUT, i == nodes.size() - 1 ? OUTPUT : n.output())
                    .string(NODE_NAME, n.name())
                    .string(NODE_OP_TYPE, n.operator());
            n.attributes().forEach((name, value) -> node.message(NODE_ATTRIBUTE, new ProtoWriter()
                    .string(ATTRIBUTE_NAME, name)
                    .varint(ATTRIBUTE_I, value)
                    .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT)));
            graph.message(GRAPH_NODE, node);
        }
        return graph.string(GRAPH_NAME, "descent")
                .message(GRAPH_INPUT, valueInfo(INPUT, pass.inputs(), inputMeaning))
                .message(GRAPH_OUTPUT,
                        valueInfo(OUTPUT, pass.outputs(), "the output layer's activations, one row per input"));
    }

    private static ProtoWriter tensor(String name, float[] values, int... dims) {
        ProtoWriter tensor = new ProtoWriter();
        for (int d : dims) tensor.varint(TENSOR_DIMS, d);
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor.varint(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT)
                .string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, raw.array());
    }

    /** A float tensor of shape [N, width]. */
    private static ProtoWriter valueInfo(String name, int width, String doc) {
        ProtoWriter shape = new ProtoWriter()
                .message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, BATCH))
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, width));
        ProtoWriter tensorType = new ProtoWriter()
                .varint(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT)
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter()
                .string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType))
                .string(VALUE_INFO_DOC_STRING, doc);
    }
}
