package io.chorus.harness.webhook;

import io.chorus.harness.history.RunClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The harness's webhook receivers: {@code hook-1} ... {@code hook-n}, each a {@link LoopbackReceiver} on its own
 * loopback port, sharing one pool of handler threads (a slow receiver holds a thread while it waits). Closing it
 * stops every server and the pool, and waits for the pool's threads to end.
 */
public final class ReceiverFleet implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("hook-[1-9][0-9]{0,3}");

    private final Map<String, LoopbackReceiver> receivers = new LinkedHashMap<>();
    private final ExecutorService handlers;

    private ReceiverFleet(int count, RunClock clock) {
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "webhook-receiver-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 1; i <= count; i++) {
                String name = "hook-" + i;
                receivers.put(name, new LoopbackReceiver(name, handlers, clock));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts {@code count} receivers, all healthy. */
    public static ReceiverFleet start(int count, RunClock clock) {
        if (count < 1 || count > 9_999) {
            throw new IllegalArgumentException("a fleet has 1 to 9999 receivers: " + count);
        }
        return new ReceiverFleet(count, clock);
    }

    /** Whether {@code target} names a receiver of some fleet ({@code hook-3}); a fault's target is checked so. */
    public static boolean isReceiverName(String target) {
        return target != null && NAME.matcher(target).matches();
    }

    public List<LoopbackReceiver> receivers() {
        return List.copyOf(receivers.values());
    }

    public Optional<LoopbackReceiver> receiver(String name) {
        return Optional.ofNullable(receivers.get(name));
    }

    /** Every receiver's requests, in the order they arrived. */
    public List<WebhookDelivery> deliveries() {
        List<WebhookDelivery> all = new ArrayList<>();
        receivers.values().forEach(r -> all.addAll(r.deliveries()));
        all.sort(Comparator.comparingLong(WebhookDelivery::receivedAtMicros));
        return all;
    }

    @Override
    public void close() {
        receivers.values().forEach(LoopbackReceiver::stop);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("webhook receiver threads still running 10 s after the fleet closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
