/**
 * The {@code spark} sweep engine, a plugin in its own module so that descent and its default
 * distribution stay free of Spark's jars: a sweep's trials run as the tasks of one Apache Spark job,
 * on a standalone, YARN or Kubernetes cluster or in {@code local[N]}, and their results come back to
 * the driver, which writes the same sweep folder as the {@code local} engine.
 */
package dev.descent.spark;
