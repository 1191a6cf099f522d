package io.chorus.harness.nemesis;

import io.chorus.fakes.push.FakeProvider;
import io.chorus.fakes.push.ProviderFault;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.push.FakePushProviders;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults on the fake push providers ({@code push-apns}, {@code push-fcm}; decision 0204), every other fault passed to
 * the stack's nemesis. {@code down} closes the provider's listening socket, {@code unavailable} answers 503 and
 * {@code throttle} 429 (FCM with {@code retryAfter}, 1 s unless given), {@code latency} delays each FCM answer.
 * A fault is in force when {@link #start} returns and gone when {@link #heal} does: the fakes are in this process.
 */
public final class PushProviderNemesis implements Nemesis {
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final FakePushProviders providers;
    private final Nemesis others;
    private final RunClock clock;
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Integer> inForce = new ConcurrentHashMap<>(); // target -> index of its fault

    public PushProviderNemesis(FakePushProviders providers, Nemesis others, RunClock clock) {
        this.providers = providers;
        this.others = others;
        this.clock = clock;
    }

    @Override
    public void setup(StackDescription stack) {
        others.setup(stack);
    }

    @Override
    public long start(ScheduledFault fault) {
        FakeProvider provider = providers.target(fault.target()).orElse(null);
        if (provider == null) {
            return others.start(fault);
        }
        synchronized (provider) {
            provider.fault(of(fault));
            inForce.put(fault.target(), fault.index());
        }
        long now = clock.nowMicros();
        started.put(fault.index(), now);
        return now;
    }

    @Override
    public FaultWindow heal(ScheduledFault fault) {
        FakeProvider provider = providers.target(fault.target()).orElse(null);
        if (provider == null) {
            return others.heal(fault);
        }
        synchronized (provider) {
            // a fault starting as this one heals (back to back) is already in force: healing must not undo it
            if (inForce.remove(fault.target(), fault.index())) {
                provider.fault(ProviderFault.NONE);
            }
        }
        long end = clock.nowMicros();
        return new FaultWindow(fault.describe(), fault.target(), started.getOrDefault(fault.index(), end), end);
    }

    @Override
    public void teardown() {
        try {
            FakePushProviders.TARGETS.forEach(t -> providers.target(t).ifPresent(p -> p.fault(ProviderFault.NONE)));
        } finally {
            others.teardown();
        }
    }

    /** The provider's behaviour for a scheduled fault. */
    static ProviderFault of(ScheduledFault fault) {
        Duration retryAfter = parameter(fault, "retryAfter", DEFAULT_RETRY_AFTER);
        return switch (fault.kind()) {
            case DOWN -> ProviderFault.down();
            case UNAVAILABLE -> ProviderFault.unavailable(retryAfter);
            case THROTTLE -> ProviderFault.throttled(retryAfter);
            case LATENCY -> ProviderFault.slow(parameter(fault, "latency", Duration.ZERO));
            default ->
                throw new IllegalArgumentException(
                        "a push provider takes no " + fault.kind().yaml() + " fault");
        };
    }

    private static Duration parameter(ScheduledFault fault, String name, Duration otherwise) {
        String value = fault.parameters().get(name);
        return value == null
                ? otherwise
                : Duration.ofMillis(ToxicSpec.millis(value).orElseThrow());
    }
}
