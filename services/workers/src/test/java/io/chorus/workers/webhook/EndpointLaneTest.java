package io.chorus.workers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.workers.webhook.core.CircuitBreaker;
import io.chorus.workers.webhook.core.DeliveryOutcome;
import io.chorus.workers.webhook.core.DeliveryPolicy;
import io.chorus.workers.webhook.core.Registration;
import io.chorus.workers.webhook.core.RetrySchedule;
import io.chorus.workers.webhook.core.WebhookEvent;
import io.chorus.workers.webhook.core.WebhookSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointLaneTest {
    private static final Registration REGISTRATION = new Registration(
            "w1",
            "alice",
            Set.of("c1", "c2", "c3"),
            "https://example.com/h",
            Set.of("message.created"),
            List.of(new Registration.DatedSecret(WebhookSecret.generate(), Instant.EPOCH)),
            false);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> disabled = Collections.synchronizedList(new ArrayList<>());

    /** Answers each attempt from a script, and records the attempts in the order they were made. */
    private static final class ScriptedSender implements EndpointLane.Sender {
        final ConcurrentLinkedQueue<String> attempts = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<CompletableFuture<DeliveryOutcome>> open = new ConcurrentLinkedQueue<>();
        final java.util.function.BiFunction<String, Integer, DeliveryOutcome> script;

        ScriptedSender(java.util.function.BiFunction<String, Integer, DeliveryOutcome> script) {
            this.script = script;
        }

        @Override
        public CompletableFuture<DeliveryOutcome> send(Registration registration, WebhookEvent event) {
            attempts.add(event.id());
            int attempt = (int) attempts.stream().filter(event.id()::equals).count();
            DeliveryOutcome outcome = script.apply(event.id(), attempt);
            if (outcome == null) {
                CompletableFuture<DeliveryOutcome> pending = new CompletableFuture<>();
                open.add(pending);
                return pending;
            }
            return CompletableFuture.completedFuture(outcome);
        }
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private EndpointLane lane(EndpointLane.Sender sender, int concurrency, Duration holdLimit, int breakerFailures) {
        return new EndpointLane(
                REGISTRATION,
                sender,
                new EndpointLane.Consequences() {
                    @Override
                    public CompletableFuture<Void> deadLetter(
                            Registration registration, WebhookEvent event, String reason, int attempts) {
                        deadLettered.add(event.id() + ": " + reason);
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void disable(Registration registration, WebhookEvent answeredGone) {
                        disabled.add(answeredGone.id());
                    }
                },
                new DeliveryPolicy(
                        new RetrySchedule(List.of(Duration.ofMillis(10), Duration.ofMillis(10)), 0),
                        Duration.ofMillis(50),
                        () -> 0.5),
                new CircuitBreaker(breakerFailures, Duration.ofMinutes(1)),
                concurrency,
                holdLimit,
                timer,
                Clock.systemUTC());
    }

    private static WebhookEvent event(String id, String channel) {
        return new WebhookEvent(id, "message.created", channel, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void settle(CompletableFuture<Void> settled) throws Exception {
        settled.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedHeadIsRetriedUnderItsIdBeforeTheNextEventOfItsChannel() throws Exception {
        ScriptedSender sender = new ScriptedSender((id, attempt) -> id.equals("e1") && attempt <= 2
                ? new DeliveryOutcome.Failed("HTTP 500")
                : new DeliveryOutcome.Delivered(200));
        EndpointLane lane = lane(sender, 4, Duration.ofMinutes(1), 10);
        CompletableFuture<Void> first = lane.enqueue(event("e1", "c1"));
        CompletableFuture<Void> second = lane.enqueue(event("e2", "c1"));
        settle(first);
        settle(second);
        assertThat(sender.attempts).containsExactly("e1", "e1", "e1", "e2");
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void aSlowChannelDoesNotHoldAnotherAndTheConcurrencyBoundHolds() throws Exception {
        ScriptedSender sender =
                new ScriptedSender((id, attempt) -> id.startsWith("slow") ? null : new DeliveryOutcome.Delivered(200));
        EndpointLane lane = lane(sender, 2, Duration.ofMinutes(1), 10);
        lane.enqueue(event("slow1", "c1"));
        CompletableFuture<Void> fast = lane.enqueue(event("fast1", "c2"));
        settle(fast);
        lane.enqueue(event("slow2", "c2"));
        lane.enqueue(event("fast2", "c3"));
        // two in flight (slow1, slow2): fast2 waits for a slot, and gets one when slow1 answers
        assertThat(sender.attempts).containsExactly("slow1", "fast1", "slow2");
        sender.open.poll().complete(new DeliveryOutcome.Delivered(200));
        assertThat(sender.attempts).containsExactly("slow1", "fast1", "slow2", "fast2");
        assertThat(lane.backlog()).isEqualTo(1);
    }

    @Test
    void goneDisablesTheLaneAndDropsWhatWasQueued() throws Exception {
        ScriptedSender sender = new ScriptedSender((id, attempt) -> new DeliveryOutcome.Gone());
        EndpointLane lane = lane(sender, 1, Duration.ofMinutes(1), 10);
        CompletableFuture<Void> first = lane.enqueue(event("e1", "c1"));
        settle(first);
        settle(lane.enqueue(event("e2", "c1")));
        assertThat(sender.attempts).containsExactly("e1");
        assertThat(disabled).containsExactly("e1");
    }

    @Test
    void anOpenBreakerAndARetryBeyondTheHoldLimitDeadLetterAtOnce() throws Exception {
        ScriptedSender sender = new ScriptedSender((id, attempt) -> new DeliveryOutcome.Failed("HTTP 500"));
        EndpointLane lane = lane(sender, 1, Duration.ofMinutes(1), 2);
        settle(lane.enqueue(event("e1", "c1"))); // fails twice: the breaker opens, the third attempt is not made
        settle(lane.enqueue(event("e2", "c1")));
        assertThat(sender.attempts).containsExactly("e1", "e1");
        assertThat(deadLettered).hasSize(2).allMatch(d -> d.contains("circuit open"));

        ScriptedSender throttled =
                new ScriptedSender((id, attempt) -> new DeliveryOutcome.Throttled(429, Duration.ofSeconds(30)));
        EndpointLane held = lane(throttled, 1, Duration.ofMillis(20), 10);
        settle(held.enqueue(event("e3", "c1")));
        assertThat(throttled.attempts).containsExactly("e3");
        assertThat(deadLettered).last().asString().contains("beyond the hold limit");
    }
}
