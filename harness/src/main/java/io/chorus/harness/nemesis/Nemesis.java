package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.stack.StackDescription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Injects faults on a timeline, as Jepsen's nemesis: kill, stop, pause or restart a process (a service instance,
 * a NATS or Cassandra node, Elasticsearch, FerretDB), or a Toxiproxy toxic or outage on a named link.
 *
 * <p>Contract: {@link #setup} prepares (resolves targets and proxies) without changing the system; {@link #start}
 * begins the fault and returns once it is in force (a killed process has exited, a toxic is installed);
 * {@link #heal} ends it and returns once the target serves again (its health check is green), or throws saying
 * why not; every start/heal pair becomes one {@link FaultWindow} in the history, which the report shades;
 * {@link #teardown} heals whatever is still broken, and may be called at any time, more than once. Faults on
 * different targets may be started and healed from different threads at once.
 */
public interface Nemesis {
    void setup(StackDescription stack);

    /** @return the time the fault took effect, in the run clock's epoch microseconds */
    long start(ScheduledFault fault);

    /** @return the fault window, from its start to the moment the target was healthy again */
    FaultWindow heal(ScheduledFault fault);

    void teardown();

    /**
     * Heals every fault still in force (a teardown's work): tries each, then fails once naming every fault that
     * could not be healed.
     */
    default void healAll(Collection<ScheduledFault> inForce) {
        List<String> failures = new ArrayList<>();
        for (ScheduledFault fault : List.copyOf(inForce)) {
            try {
                heal(fault);
            } catch (RuntimeException e) {
                failures.add(fault.describe() + " on " + fault.target() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not heal: " + String.join("; ", failures));
        }
    }
}
