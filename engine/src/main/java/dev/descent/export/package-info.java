/**
 * Taking a trained model out of descent. {@link dev.descent.export.ForwardPass} describes what a
 * model computes (an optional per-feature normalisation, then dense layers with their activations)
 * independently of the kernels; {@link dev.descent.export.OnnxWriter} writes it as an ONNX model
 * (opset 13) that ONNX Runtime and other ONNX tools run.
 *
 * <p>The protobuf is encoded by hand ({@code ProtoWriter}): the seven ONNX messages a dense network
 * needs take a few dozen lines, and no protobuf library lands on the command line's class path.
 *
 * <p>The exported {@code input} is what descent's own forward pass reads: for the image models of
 * today, the grey values divided by 255 (in [0, 1]), row by row, as {@code descent eval} and
 * {@code descent predict} feed the network. Preprocessing that a model records beyond that (issue
 * 13's normalisation statistics) becomes {@code Sub} and {@code Div} nodes before the first layer.
 */
package dev.descent.export;
