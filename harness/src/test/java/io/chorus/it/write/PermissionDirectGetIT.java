package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wire facts the command service's asynchronous permission reads rest on (decision 0063), asked of the stack's
 * real three-node cluster: the {@code permissions} bucket answers a direct get by subject
 * ({@link PermissionsBucket#directGetSubject}) with the key's value, a 404 status for a key never written, and a
 * {@code KV-Operation} header of {@code DEL} or {@code PURGE} once the key is removed.
 */
@Order(26)
@ExtendWith(LocalStackExtension.class)
class PermissionDirectGetIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aDirectGetAnswersTheValueNotFoundAndTheRemovals(StackDescription stack) throws Exception {
        try (Connection nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .build())) {
            KeyValue bucket = nats.keyValue(PermissionsBucket.NAME);
            String channel =
                    "dg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String member = PermissionsBucket.membershipKey(channel, "alice");
            String other = PermissionsBucket.membershipKey(channel, "bob");

            Message never = directGet(nats, PermissionsBucket.membershipKey(channel, "nobody"), m -> true);
            assertThat(never.isStatusMessage()).isTrue();
            assertThat(never.getStatus().getCode()).isEqualTo(404);

            bucket.put(member, "member".getBytes(StandardCharsets.UTF_8));
            bucket.put(other, "admin".getBytes(StandardCharsets.UTF_8));
            // any replica may answer a direct get, so a follower may not have the put yet: ask until it has
            Message put = directGet(nats, member, m -> !m.isStatusMessage());
            assertThat(new String(put.getData(), StandardCharsets.UTF_8)).isEqualTo("member");
            assertThat(operation(put)).isIn(null, "PUT");

            bucket.delete(member);
            Message deleted = directGet(nats, member, m -> operation(m) != null);
            assertThat(operation(deleted)).isEqualTo("DEL");

            bucket.purge(other);
            Message purged = directGet(nats, other, m -> operation(m) != null);
            assertThat(operation(purged)).isEqualTo("PURGE");
        }
    }

    private static String operation(Message reply) {
        return reply.getHeaders() == null ? null : reply.getHeaders().getFirst("KV-Operation");
    }

    /** The first reply that satisfies {@code wanted}, asked again until {@link #WAIT} has passed. */
    private static Message directGet(Connection nats, String key, Predicate<Message> wanted) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Message reply = nats.request(PermissionsBucket.directGetSubject(key), null, new byte[0])
                    .get(5, TimeUnit.SECONDS);
            if (wanted.test(reply) || Instant.now().isAfter(deadline)) {
                return reply;
            }
            Thread.onSpinWait();
        }
    }
}
