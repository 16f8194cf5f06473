/**
 * The test kit for descent plugin projects: {@link dev.descent.testkit.ProviderContract}, the checks
 * every provider (cost, initializer, schedule, optimizer, sweep engine) must pass, as JUnit 5
 * assertions. descent runs the same checks over its own built-ins.
 */
package dev.descent.testkit;
