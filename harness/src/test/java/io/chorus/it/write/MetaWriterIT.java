package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The meta writer: idempotent on replay, and a poison event dead-lettered without stalling it. */
@ExtendWith(LocalStackExtension.class)
class MetaWriterIT {
    private static byte[] event(String type, String channelId, String actor, ObjectNode payload) {
        ObjectNode envelope = Api.JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("channelId", channelId)
                .put("actorId", actor)
                .put("occurredAt", Instant.now().toString());
        envelope.set("payload", payload);
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replayingEventsLeavesTheSameState(StackDescription stack) throws Exception {
        Api api = new Api(stack);
        String channel = Api.id("replay");
        ObjectNode created = Api.JSON.createObjectNode().put("name", "Replay").put("kind", "private").put("topic", "t");
        created.putArray("members").add("bob");
        ObjectNode added = Api.JSON.createObjectNode().put("role", "member");
        added.putArray("userIds").add("carol").add("dave");
        ObjectNode removed = Api.JSON.createObjectNode().put("userId", "dave");
        List<byte[]> history = List.of(event("channel.created", channel, "alice", created),
                event("members.added", channel, "alice", added), event("member.removed", channel, "alice", removed));
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            JetStream js = nats.jetStream();
            for (int round = 0; round < 3; round++) {
                // each round is stored again (no Nats-Msg-Id), as a replay of the stream would deliver it
                for (byte[] body : history) {
                    js.publish(Subjects.channelMeta(channel), body);
                }
            }
            api.awaitChannel(channel, "alice", 3);
            // the last round was applied too: a later event of the same subject is visible only after it
            js.publish(Subjects.channelMeta(channel), event("channel.updated", channel, "alice",
                    Api.JSON.createObjectNode().put("topic", "after replay")));
            Api.eventually(Duration.ofSeconds(20), () -> api.get("/v1/channels/" + channel, api.adminToken("root")).json(),
                    j -> "after replay".equals(j.path("topic").asText()));
            assertThat(api.get("/v1/channels/" + channel, api.token("alice")).json().path("memberCount").asLong())
                    .isEqualTo(3);
            var members = api.get("/v1/channels/" + channel + "/members", api.token("alice")).json().path("items");
            assertThat(members.findValuesAsText("userId")).containsExactly("alice", "bob", "carol");
            assertThat(members.get(0).path("role").asText()).isEqualTo("owner");
            // the permissions bucket agrees: dave was removed, carol may post
            assertThat(api.sendMessage("dave", channel, "m", "x").status()).isEqualTo(403);
            assertThat(api.sendMessage("carol", channel, "m", "x").status()).isEqualTo(202);
        }
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheWriterMovesOn(StackDescription stack) throws Exception {
        Api api = new Api(stack);
        String poisoned = Api.id("poison");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            PublishAck poison = nats.jetStream().publish(Subjects.channelMeta(poisoned),
                    "{this is not an event".getBytes(StandardCharsets.UTF_8));
            ObjectNode unknownKind = Api.JSON.createObjectNode().put("name", "x").put("kind", "galaxy");
            PublishAck invalid = nats.jetStream().publish(Subjects.channelMeta(poisoned),
                    event("channel.created", poisoned, "alice", unknownKind));

            // the writer is not stalled: a channel created after the poison appears
            String after = Api.id("after");
            assertThat(api.createChannel("alice", after, "public").status()).isEqualTo(202);
            api.awaitChannel(after, "alice", 1);

            for (PublishAck ack : List.of(poison, invalid)) {
                MessageInfo dead = Api.eventually(Duration.ofSeconds(30), () -> deadLetterOf(nats, ack.getSeqno()),
                        m -> m != null);
                assertThat(dead.getHeaders().getFirst(DeadLetters.STREAM_HEADER)).isEqualTo(Subjects.META_STREAM);
                assertThat(dead.getHeaders().getFirst(DeadLetters.CONSUMER_HEADER)).isEqualTo("meta-writer");
                assertThat(dead.getHeaders().getFirst(DeadLetters.ERROR_HEADER)).isNotBlank();
                assertThat(Integer.parseInt(dead.getHeaders().getFirst(DeadLetters.DELIVERIES_HEADER))).isEqualTo(3);
            }
            assertThat(api.get("/v1/channels/" + poisoned, api.adminToken("root")).status()).isEqualTo(404);
        }
    }

    /** The dead letter of META's message at {@code seq}, or null when there is none (yet). */
    private static MessageInfo deadLetterOf(Connection nats, long seq) {
        try {
            var jsm = nats.jetStreamManagement();
            long last = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM).getStreamState().getLastSequence();
            long first = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM).getStreamState().getFirstSequence();
            for (long s = last; s >= first && s > 0; s--) {
                MessageInfo info = jsm.getMessage(Subjects.DEAD_LETTER_STREAM, s);
                if (info.getHeaders() != null
                        && Long.toString(seq).equals(info.getHeaders().getFirst(DeadLetters.SEQUENCE_HEADER))
                        && Subjects.META_STREAM.equals(info.getHeaders().getFirst(DeadLetters.STREAM_HEADER))) {
                    return info;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
