package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.stack.StackDescription;

/**
 * Injects faults on a timeline, as Jepsen's nemesis: kill, pause or restart a process, kill a NATS node, or a
 * Toxiproxy toxic (latency, timeout, reset_peer, bandwidth) on a named link.
 *
 * <p>Contract: {@link #setup} prepares (e.g. resolves proxies) without changing the system; {@link #start} begins
 * the fault and returns once it is in force; {@link #heal} ends it and returns once the target serves again (or
 * throws saying why not); every start/heal pair becomes one {@link FaultWindow} in the history, which the report
 * shades; {@link #teardown} heals whatever is still broken, and may be called at any time, more than once.
 *
 * <p>The faults themselves belong to the chaos issue; this package only fixes the interface the run uses.
 */
public interface Nemesis {
    void setup(StackDescription stack);

    /** @return the time the fault took effect, in the run clock's epoch microseconds */
    long start(Fault fault);

    /** @return the fault window, from its start to the moment the target was healthy again */
    FaultWindow heal(Fault fault);

    void teardown();

    /** @param kind for example {@code kill}, {@code pause}, {@code latency}; {@code target} a component or link */
    record Fault(String kind, String target, java.util.Map<String, String> parameters) {
    }
}
