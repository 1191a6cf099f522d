package io.chorus.harness.report;

import io.chorus.harness.stack.StackShape;
import java.util.Map;

/**
 * Where and with what a run ran, so two reports can be told apart: the harness, the JVM, the machine, the stack's
 * kind and shape, and the version of every engine.
 */
public record Environment(String harnessVersion, String java, String os, int cpus, long maxHeapBytes,
        String stackKind, StackShape stackShape, Map<String, String> engines) {

    public static Environment here(String stackKind, StackShape shape, Map<String, String> engines) {
        String version = Environment.class.getPackage().getImplementationVersion();
        return new Environment(version == null ? "development" : version,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), stackKind, shape,
                Map.copyOf(engines));
    }
}
