/**
 * {@code descent serve}: a local web page that looks inside a network. {@link dev.descent.serve.ServeServer}
 * is a small server on the JDK's {@code com.sun.net.httpserver}: static assets from the jar, JSON endpoints
 * (a drawn digit's activations layer by layer, or those of a table row's features or an uploaded picture for
 * a model of a user's own data, prepared by the code {@code descent predict} runs; test samples, the metrics,
 * the first layer's weights, the slope of one parameter) and a Server-Sent Events stream that announces each
 * new epoch.
 *
 * <p>A run that is still training is watched through its files only ({@link dev.descent.serve.RunWatcher}):
 * every file of a run folder is written to a temporary name and renamed, so a changed metrics.csv or
 * checkpoint is always complete, and the trainer needs no hook. No request names a file: the server reads
 * the fixed file names of one run folder (or one model file) and the jar's own assets, nothing else.
 */
package dev.descent.serve;
