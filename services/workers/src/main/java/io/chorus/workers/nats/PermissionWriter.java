package io.chorus.workers.nats;

import io.chorus.common.events.MetaPayloads;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.workers.core.MetaEvent;
import io.chorus.workers.core.PermissionChange;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes a batch's {@link PermissionChange}s to the {@code permissions} bucket in the order of its events,
 * {@link MetaWriter#KV_WINDOW} in flight. A grant that must not lower a role ({@link PermissionChange#keepsHigher},
 * decision 0101) is published only if the key has never been written (JetStream's expected last subject sequence
 * 0): a new member costs nothing more. When the key has history, the grant is settled after its refusal: the key's
 * value is read and the role written only if it is higher than what is held (or the key was removed). A change of a
 * key that has a write in flight waits until the writes in flight are settled, so each key's writes reach the bucket
 * in event order and a conditional grant is judged against every earlier write of its key.
 */
public final class PermissionWriter {
    private static final int HEARTBEAT_EVERY = 10_000;
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final long WAIT_SECONDS = 30;

    private record Write(PermissionChange change, CompletableFuture<PublishAck> ack) {}

    private final Connection connection;
    private final JetStream js;

    public PermissionWriter(Connection connection) throws java.io.IOException {
        this.connection = connection;
        this.js = connection.jetStream();
    }

    /** Writes the events' changes; answers how many. Returns only when every one is durable (or settled). */
    public long write(List<MetaEvent> events, Runnable heartbeat) throws Exception {
        Deque<Write> inFlight = new ArrayDeque<>();
        Set<String> keysInFlight = new HashSet<>();
        long written = 0;
        try {
            for (MetaEvent event : events) {
                for (PermissionChange change : PermissionChange.of(event)) {
                    if (keysInFlight.contains(change.key())) {
                        drain(inFlight, keysInFlight);
                    }
                    if (inFlight.size() >= MetaWriter.KV_WINDOW) {
                        settle(inFlight.removeFirst(), keysInFlight);
                    }
                    inFlight.addLast(new Write(change, publish(change)));
                    keysInFlight.add(change.key());
                    if (++written % HEARTBEAT_EVERY == 0) {
                        heartbeat.run();
                    }
                }
            }
            drain(inFlight, keysInFlight);
            return written;
        } catch (Exception e) {
            // let the puts still in flight settle before the retry writes the same keys again
            CompletableFuture.allOf(inFlight.stream().map(Write::ack).toArray(CompletableFuture[]::new))
                    .exceptionally(x -> null)
                    .completeOnTimeout(null, WAIT_SECONDS, TimeUnit.SECONDS)
                    .join();
            throw e;
        }
    }

    private void drain(Deque<Write> inFlight, Set<String> keysInFlight) throws Exception {
        while (!inFlight.isEmpty()) {
            settle(inFlight.removeFirst(), keysInFlight);
        }
    }

    private void settle(Write write, Set<String> keysInFlight) throws Exception {
        try {
            write.ack().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!write.change().keepsHigher() || !isWrongLastSequence(e)) {
                throw e;
            }
            grantIfHigher(write.change());
        } finally {
            keysInFlight.remove(write.change().key());
        }
    }

    /** The key has history: the grant is written only over a lower role, or over a removed membership. */
    private void grantIfHigher(PermissionChange change) throws Exception {
        io.nats.client.Message reply = connection.request(
                PermissionsBucket.directGetSubject(change.key()), new byte[0], Duration.ofSeconds(WAIT_SECONDS));
        if (reply == null) {
            throw new java.util.concurrent.TimeoutException("no answer reading permission " + change.key());
        }
        Optional<String> held = PermissionsBucket.directGetValue(reply);
        if (held.isEmpty() || MetaPayloads.raises(change.value(), held.get())) {
            js.publishAsync(subject(change), change.value().getBytes(StandardCharsets.UTF_8))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** A KV put or delete is a publish on {@code $KV.<bucket>.<key>}; publishing it async pipelines a batch. */
    private CompletableFuture<PublishAck> publish(PermissionChange change) {
        if (change.value() == null) {
            Headers headers = new Headers().put("KV-Operation", "DEL");
            return js.publishAsync(subject(change), headers, new byte[0]);
        }
        byte[] value = change.value().getBytes(StandardCharsets.UTF_8);
        return change.keepsHigher()
                ? js.publishAsync(
                        subject(change),
                        value,
                        PublishOptions.builder().expectedLastSubjectSequence(0).build())
                : js.publishAsync(subject(change), value);
    }

    private static String subject(PermissionChange change) {
        return PermissionsBucket.SUBJECT_PREFIX + change.key();
    }

    private static boolean isWrongLastSequence(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api && api.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                return true;
            }
        }
        return false;
    }
}
