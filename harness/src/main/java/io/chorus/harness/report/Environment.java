package io.chorus.harness.report;

import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.engines.EngineVersions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and with what a run ran, so two reports can be told apart: the harness, the JVM, the machine, the stack's
 * kind and shape, and the version of every engine.
 */
public record Environment(
        String harnessVersion,
        String java,
        String os,
        int cpus,
        long maxHeapBytes,
        String stackKind,
        StackShape stackShape,
        Map<String, String> engines) {

    /**
     * The engine versions this harness pins (and installs for a local stack). A binary of an acceptable version
     * already on PATH may be used instead, so the keys say "pinned".
     */
    public static Map<String, String> pinnedEngines() {
        var v = EngineVersions.pinned();
        Map<String, String> engines = new LinkedHashMap<>();
        engines.put("nats-server (pinned)", v.natsServer());
        engines.put("cassandra (pinned)", v.cassandra());
        engines.put("elasticsearch (pinned)", v.elasticsearch());
        engines.put("ferretdb (pinned)", v.ferretdb());
        engines.put("toxiproxy (pinned)", v.toxiproxy());
        return engines;
    }

    public static Environment here(String stackKind, StackShape shape, Map<String, String> engines) {
        String version = Environment.class.getPackage().getImplementationVersion();
        return new Environment(
                version == null ? "development" : version,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                stackKind,
                shape,
                Collections.unmodifiableMap(new LinkedHashMap<>(engines)));
    }
}
