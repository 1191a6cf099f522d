package io.chorus.workers.push;

import io.chorus.workers.push.core.CircuitBreaker;
import io.chorus.workers.push.core.DeliveryPolicy;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One provider behind its circuit breaker and concurrency bound (decision 0201): a send waits for one of
 * {@code concurrency} slots; while the breaker is open no send is tried, and the caller is told when to try again.
 */
public final class ProviderGate {
    /** The breaker is open: try again at {@code at}. */
    public record Refused(Instant at) {}

    private final PushSender sender;
    private final CircuitBreaker breaker;
    private final Semaphore slots;
    private final Clock clock;

    public ProviderGate(PushSender sender, CircuitBreaker breaker, int concurrency, Clock clock) {
        this.sender = sender;
        this.breaker = breaker;
        this.slots = new Semaphore(concurrency);
        this.clock = clock;
    }

    /** The provider's answer, or null when the breaker is open (then {@link #reopensIn()} says when to retry). */
    public CompletableFuture<ProviderResult> send(Notification notification) throws InterruptedException {
        if (!breaker.tryAcquire(clock.instant())) {
            return null;
        }
        if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
            return CompletableFuture.completedFuture(ProviderResult.noAnswer("no send slot within 30 s"));
        }
        return sender.send(notification).whenComplete((result, error) -> {
            slots.release();
            if (error != null || DeliveryPolicy.providerFailure(result)) {
                breaker.failed(clock.instant());
            } else {
                breaker.succeeded();
            }
        });
    }

    public Duration reopensIn() {
        Instant now = clock.instant();
        Duration wait = Duration.between(now, breaker.nextTry(now));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public void close() {
        sender.close();
    }
}
