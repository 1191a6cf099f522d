package io.chorus.harness.stack;

import io.chorus.harness.stack.health.Health;
import java.util.List;

/**
 * The system under test, as the harness sees it: something that can be brought up, asked how it is, and brought
 * down. As in Jepsen's {@code db} protocol, a stack owns every process it starts.
 *
 * <ul>
 *   <li>{@link #up()} starts every component and returns only when every health check is green, with the
 *       endpoints of each; on failure it stops whatever it had started before it throws {@link StackFailure}.
 *   <li>{@link #status()} probes each component afresh and never changes anything.
 *   <li>{@link #down()} stops every process of the stack, waits until each has exited, and leaves none behind.
 *       It may be called at any time, more than once, and from a different process than the one that called up.
 * </ul>
 */
public interface Stack {
    StackDescription up();

    List<Health> status();

    void down();

    /** The processes behind this stack when the harness runs them here (a run with push points one of them). */
    default java.util.Optional<LocalStack> local() {
        return java.util.Optional.empty();
    }
}
