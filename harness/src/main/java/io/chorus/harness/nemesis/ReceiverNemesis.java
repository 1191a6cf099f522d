package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.webhook.LoopbackReceiver;
import io.chorus.harness.webhook.ReceiverFleet;
import io.chorus.harness.webhook.ReceiverMode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nemesis of the harness's webhook receivers: a {@code webhook-*} fault sets its target receiver's
 * {@link ReceiverMode} for the window (slow, an error status, throttling with Retry-After, gone, or down) and
 * healing sets it healthy again. The receiver is the harness's own, so a fault is in force as soon as the mode is
 * set, and healed as soon as it is set back.
 */
public final class ReceiverNemesis implements Nemesis {
    private final ReceiverFleet fleet;
    private final RunClock clock;
    private final Map<Integer, Long> inForce = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledFault> faults = new ConcurrentHashMap<>();

    public ReceiverNemesis(ReceiverFleet fleet, RunClock clock) {
        this.fleet = fleet;
        this.clock = clock;
    }

    @Override
    public void setup(StackDescription stack) {
        // the fleet is the harness's own and already listening: nothing to resolve
    }

    @Override
    public long start(ScheduledFault fault) {
        long now = clock.nowMicros();
        receiver(fault).answer(mode(fault));
        faults.put(fault.index(), fault);
        inForce.put(fault.index(), now);
        return now;
    }

    @Override
    public FaultWindow heal(ScheduledFault fault) {
        Long started = inForce.remove(fault.index());
        if (started == null) {
            throw new IllegalStateException(
                    "fault " + fault.index() + " (" + fault.describe() + " on " + fault.target() + ") is not in force");
        }
        receiver(fault).answer(ReceiverMode.HEALTHY);
        faults.remove(fault.index());
        return new FaultWindow(fault.describe(), fault.target(), started, clock.nowMicros());
    }

    @Override
    public void teardown() {
        healAll(faults.values());
    }

    /** The mode a {@code webhook-*} fault puts its receiver in. */
    static ReceiverMode mode(ScheduledFault fault) {
        Map<String, String> p = fault.parameters();
        return switch (fault.kind()) {
            case WEBHOOK_SLOW -> new ReceiverMode.Slow(duration(p.get("delay")));
            case WEBHOOK_ERROR -> new ReceiverMode.Failing(Integer.parseInt(p.getOrDefault("status", "500")));
            case WEBHOOK_THROTTLE -> new ReceiverMode.Throttling(duration(p.getOrDefault("retryAfter", "1s")));
            case WEBHOOK_GONE -> new ReceiverMode.Gone();
            case WEBHOOK_DOWN -> new ReceiverMode.Down();
            default ->
                throw new IllegalArgumentException(
                        "not a webhook receiver fault: " + fault.kind().yaml());
        };
    }

    private LoopbackReceiver receiver(ScheduledFault fault) {
        return fleet.receiver(fault.target())
                .orElseThrow(() -> new IllegalStateException("no webhook receiver " + fault.target() + " in a fleet of "
                        + fleet.receivers().size()));
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(
                ToxicSpec.millis(text).orElseThrow(() -> new IllegalArgumentException("not a duration: " + text)));
    }
}
