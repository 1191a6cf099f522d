package io.chorus.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.Reaction;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reactions in history (decision 0252): stored by the message writer and returned with each message of a history
 * page, per emoji with its count and whether the caller reacted; adding twice counts once, removing works, and a
 * reaction the writer applies before its message is not lost.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactionsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChorusClient api;
    private StackFixture store;

    @BeforeAll
    void setUp(StackDescription stack) {
        store = new StackFixture(stack);
        api = ChorusClient.of(stack);
    }

    @Test
    void historyShowsEachEmojiOnceWithItsCountAndTheCallersOwn() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("react");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of(bob)));
        store.awaitChannel(channel, alice, 2);
        String message = api.sendMessage(store.token(alice), channel, "m1", "react to me")
                .messageId();

        api.addReaction(store.token(alice), channel, message, "+1");
        api.addReaction(store.token(alice), channel, message, "+1");
        api.addReaction(store.token(bob), channel, message, "+1");
        api.addReaction(store.token(bob), channel, message, "tada");
        api.removeReaction(store.token(bob), channel, message, "tada");
        api.addReaction(store.token(bob), channel, message, "eyes");

        // events of one channel are written in order: once "eyes" shows, every reaction before it was applied
        HistoryMessage seenByAlice = await(
                alice,
                channel,
                message,
                m -> m.reactions().stream().anyMatch(r -> r.emoji().equals("eyes")));
        assertThat(seenByAlice.reactions())
                .containsExactly(new Reaction("+1", 2, true), new Reaction("eyes", 1, false));
        assertThat(read(bob, channel, message).reactions())
                .containsExactly(new Reaction("+1", 2, true), new Reaction("eyes", 1, true));

        api.removeReaction(store.token(alice), channel, message, "+1");
        HistoryMessage after =
                await(alice, channel, message, m -> m.reactions().get(0).count() == 1);
        assertThat(after.reactions()).containsExactly(new Reaction("+1", 1, false), new Reaction("eyes", 1, false));
    }

    /**
     * Published straight to the stream, in an order the command API does not make easily: the reaction before its
     * message, and a removal before the (older) addition it takes back. The writer keeps the first until the message
     * is there, and the later event of the second wins.
     */
    @Test
    void aReactionBeforeItsMessageWaitsForItAndTheLaterOfAnAddAndARemoveWins() throws Exception {
        String alice = StackFixture.id("alice");
        String channel = StackFixture.id("early");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of()));
        store.awaitChannel(channel, alice, 1);
        UUID message = UuidV7.generate();
        Instant now = Instant.now();

        publish(envelope(UuidV7.generate(), "reaction.added", channel, alice, now, reaction(message, "early")));
        publish(envelope(
                UuidV7.generate(), "reaction.removed", channel, alice, now.plusMillis(2), reaction(message, "undone")));
        publish(envelope(
                UuidV7.generate(), "reaction.added", channel, alice, now.plusMillis(1), reaction(message, "undone")));
        ObjectNode text =
                StackFixture.JSON.createObjectNode().put("text", "late").put("clientMsgId", "late-1");
        publish(envelope(message, "message.created", channel, alice, now.plusMillis(3), text));

        HistoryMessage stored = await(alice, channel, message.toString(), m -> true);
        assertThat(stored.reactions()).containsExactly(new Reaction("early", 1, true));
    }

    private static ObjectNode reaction(UUID message, String emoji) {
        return StackFixture.JSON
                .createObjectNode()
                .put("messageId", message.toString())
                .put("emoji", emoji);
    }

    private static ObjectNode envelope(
            UUID id, String type, String channel, String actor, Instant at, ObjectNode payload) {
        ObjectNode envelope = StackFixture.JSON
                .createObjectNode()
                .put("id", id.toString())
                .put("type", type)
                .put("channelId", channel)
                .put("actorId", actor)
                .put("occurredAt", at.toString());
        envelope.set("payload", payload);
        return envelope;
    }

    private void publish(ObjectNode envelope) throws Exception {
        store.nats()
                .jetStream()
                .publish(
                        Subjects.message(envelope.get("channelId").asText()),
                        envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    private HistoryMessage await(
            String user, String channel, String messageId, java.util.function.Predicate<HistoryMessage> done) {
        return Poll.until(WAIT, () -> read(user, channel, messageId), m -> m != null && done.test(m));
    }

    private HistoryMessage read(String user, String channel, String messageId) {
        return api.history(store.token(user), channel, HistoryQuery.newest(50)).messages().stream()
                .filter(m -> messageId.equals(m.id()))
                .findFirst()
                .orElse(null);
    }
}
