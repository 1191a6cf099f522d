package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.stack.StackDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's nemesis when it has a webhook receiver fleet: each fault goes to the nemesis of its kind, a
 * {@code webhook-*} fault to the fleet's {@link ReceiverNemesis}, every other one to the stack's (null when the
 * schedule has none, so a stack is not attached for nothing).
 */
public final class SplitNemesis implements Nemesis {
    private final Nemesis receivers;
    private final Nemesis stack;

    public SplitNemesis(Nemesis receivers, Nemesis stack) {
        this.receivers = receivers;
        this.stack = stack;
    }

    @Override
    public void setup(StackDescription description) {
        receivers.setup(description);
        if (stack != null) {
            stack.setup(description);
        }
    }

    @Override
    public long start(ScheduledFault fault) {
        return of(fault).start(fault);
    }

    @Override
    public FaultWindow heal(ScheduledFault fault) {
        return of(fault).heal(fault);
    }

    /** Tears both down, then fails once naming what either could not heal. */
    @Override
    public void teardown() {
        List<String> failures = new ArrayList<>();
        for (Nemesis n : stack == null ? List.of(receivers) : List.of(receivers, stack)) {
            try {
                n.teardown();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    private Nemesis of(ScheduledFault fault) {
        if (fault.kind().isWebhookFault()) {
            return receivers;
        }
        if (stack == null) {
            throw new IllegalStateException("no stack nemesis for " + fault.describe() + " on " + fault.target());
        }
        return stack;
    }
}
