package io.chorus.workers.webhook;

import io.chorus.workers.webhook.core.CircuitBreaker;
import io.chorus.workers.webhook.core.DeliveryOutcome;
import io.chorus.workers.webhook.core.DeliveryPolicy;
import io.chorus.workers.webhook.core.Registration;
import io.chorus.workers.webhook.core.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One endpoint's deliveries (decision 0211): a queue per channel whose head alone is in flight (order per channel),
 * at most {@code concurrency} heads at once, a circuit breaker, and the delivery policy. Nothing here blocks a thread:
 * the sender answers asynchronously and retries are timer tasks, so a slow or failing receiver holds only its own
 * lane. A delivery that would be held past {@code holdLimit}, or that meets an open breaker, goes to the dead-letter
 * stream at once, so a failing endpoint never holds the stream's messages for long.
 */
final class EndpointLane {
    /** Makes one attempt; never completes exceptionally (a failure is a {@link DeliveryOutcome.Failed}). */
    interface Sender {
        CompletableFuture<DeliveryOutcome> send(Registration registration, WebhookEvent event);
    }

    /** What happens beyond the lane: dead-letter records and disabling the endpoint. */
    interface Consequences {
        CompletableFuture<Void> deadLetter(Registration registration, WebhookEvent event, String reason, int attempts);

        void disable(Registration registration, WebhookEvent answeredGone);
    }

    private record Pending(WebhookEvent event, CompletableFuture<Void> settled, Instant enqueuedAt, int[] attempts) {}

    private final Sender sender;
    private final Consequences consequences;
    private final DeliveryPolicy policy;
    private final CircuitBreaker breaker;
    private final int concurrency;
    private final Duration holdLimit;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<String, Deque<Pending>> byChannel = new HashMap<>();
    private final Deque<String> ready = new ArrayDeque<>();
    private volatile Registration registration;
    private int inFlight;
    private boolean disabled;
    private boolean pauseSeen;

    EndpointLane(
            Registration registration,
            Sender sender,
            Consequences consequences,
            DeliveryPolicy policy,
            CircuitBreaker breaker,
            int concurrency,
            Duration holdLimit,
            ScheduledExecutorService timer,
            Clock clock) {
        this.registration = registration;
        this.sender = sender;
        this.consequences = consequences;
        this.policy = policy;
        this.breaker = breaker;
        this.concurrency = concurrency;
        this.holdLimit = holdLimit;
        this.timer = timer;
        this.clock = clock;
    }

    /** The registration as last read (a changed URL or secret applies to the next attempt). */
    void refresh(Registration current) {
        synchronized (this) {
            registration = current;
            // a lane disabled by a 410 comes back only once its owner resumes the registration the 410 paused:
            // until the pause is read, the registration still reads unpaused
            if (current.paused()) {
                pauseSeen = true;
            } else if (disabled && pauseSeen) {
                disabled = false;
                pauseSeen = false;
            }
        }
    }

    /** Queues a delivery; the answer completes when it is settled (delivered, dead-lettered or dropped as gone). */
    synchronized CompletableFuture<Void> enqueue(WebhookEvent event) {
        if (disabled) {
            return CompletableFuture.completedFuture(null);
        }
        Pending pending = new Pending(event, new CompletableFuture<>(), clock.instant(), new int[1]);
        Deque<Pending> queue = byChannel.computeIfAbsent(event.channelId(), c -> new ArrayDeque<>());
        queue.add(pending);
        if (queue.size() == 1) {
            ready.add(event.channelId());
            pump();
        }
        return pending.settled();
    }

    /** Deliveries queued or in flight (for metrics and tests). */
    synchronized int backlog() {
        return byChannel.values().stream().mapToInt(Deque::size).sum();
    }

    private void pump() {
        while (inFlight < concurrency && !ready.isEmpty()) {
            String channel = ready.poll();
            Pending head = byChannel.get(channel).peek();
            if (!breaker.tryAcquire(clock.instant())) {
                giveUp(channel, head, "circuit open after repeated failures");
                continue;
            }
            inFlight++;
            head.attempts()[0]++;
            Registration target = registration;
            sender.send(target, head.event())
                    .whenComplete((outcome, error) -> answered(
                            channel,
                            head,
                            error == null ? outcome : new DeliveryOutcome.Failed(String.valueOf(error))));
        }
    }

    private synchronized void answered(String channel, Pending head, DeliveryOutcome outcome) {
        inFlight--;
        Instant now = clock.instant();
        if (outcome instanceof DeliveryOutcome.Delivered) {
            breaker.onSuccess();
        } else if (outcome instanceof DeliveryOutcome.Failed) {
            breaker.onFailure(now);
        }
        if (disabled) {
            head.settled().complete(null);
            pump();
            return;
        }
        DeliveryPolicy.Next next = policy.after(head.attempts()[0], outcome);
        if (next instanceof DeliveryPolicy.Done) {
            head.settled().complete(null);
            advance(channel);
        } else if (next instanceof DeliveryPolicy.Disable) {
            disable(head);
        } else if (next instanceof DeliveryPolicy.RetryIn retry) {
            if (Duration.between(head.enqueuedAt(), now.plus(retry.delay())).compareTo(holdLimit) > 0) {
                giveUp(channel, head, describe(outcome) + "; the next retry is beyond the hold limit");
            } else {
                timer.schedule(() -> retry(channel), retry.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        } else {
            giveUp(channel, head, ((DeliveryPolicy.GiveUp) next).reason());
        }
        pump();
    }

    private synchronized void retry(String channel) {
        if (byChannel.containsKey(channel)) {
            ready.addFirst(channel);
            pump();
        }
    }

    private void giveUp(String channel, Pending head, String reason) {
        consequences
                .deadLetter(registration, head.event(), reason, head.attempts()[0])
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        head.settled().complete(null);
                    } else {
                        head.settled().completeExceptionally(error);
                    }
                });
        advance(channel);
    }

    /** 410: the receiver wants no more; everything queued for it is dropped, and the registration paused. */
    private void disable(Pending gone) {
        disabled = true;
        pauseSeen = false;
        consequences.disable(registration, gone.event());
        byChannel.values().forEach(queue -> queue.forEach(p -> p.settled().complete(null)));
        byChannel.clear();
        ready.clear();
    }

    private void advance(String channel) {
        Deque<Pending> queue = byChannel.get(channel);
        queue.poll();
        if (queue.isEmpty()) {
            byChannel.remove(channel);
        } else {
            ready.add(channel);
        }
    }

    private static String describe(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Failed failed) {
            return failed.reason();
        }
        if (outcome instanceof DeliveryOutcome.Throttled throttled) {
            return "HTTP " + throttled.status() + " with Retry-After " + throttled.retryAfter();
        }
        return outcome.toString();
    }
}
