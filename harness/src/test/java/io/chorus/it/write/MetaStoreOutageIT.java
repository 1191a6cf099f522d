package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.Subjects;
import io.chorus.common.paging.PageBuckets;
import io.chorus.harness.Poll;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meta writer through an outage of its store (decision 0120): PostgreSQL, which FerretDB stores in, is stopped
 * for {@link #OUTAGE}, far longer than the three deliveries 200 ms apart after which the writer used to dead-letter
 * an event its store answered with an error. Meanwhile a channel's {@code members.added} (carol, dave) and then
 * {@code member.removed} (dave) reach {@code META}. Once PostgreSQL is back both are applied, in order: carol is a
 * member, dave is not (in MongoDB and in the {@code permissions} bucket), and nothing went to the dead-letter
 * stream. PostgreSQL is started again in a finally block, so the classes after this one find the stack whole.
 */
@Order(48)
@ExtendWith(LocalStackExtension.class)
class MetaStoreOutageIT {
    private static final String POSTGRES = "postgres";
    private static final String WRITER = "meta-writer";
    /** How long the store stays away at least: the fault window, as a nemesis holds one (not a readiness guess). */
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(90);

    @Test
    void anAddThenARemovalDuringAStoreOutageAreBothAppliedInOrderOnceItIsBack(LocalStack local) throws Exception {
        StackDescription stack = local.description();
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("outage");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            JetStream js = nats.jetStream();
            ObjectNode created = StackFixture.JSON
                    .createObjectNode()
                    .put("name", "Outage")
                    .put("kind", "private")
                    .put("topic", "t");
            created.putArray("members").add("bob");
            js.publish(Subjects.channelMeta(channel), event("channel.created", channel, created));
            api.awaitChannel(channel, "alice", 2);
            long deadLettersBefore = deadLetters(nats);

            try {
                // returns once PostgreSQL has exited: its smart shutdown serves the sessions FerretDB holds until the
                // harness kills it, so the outage begins here, not when the stop began
                local.stop(POSTGRES);
                Instant stopped = Instant.now();
                assertThat(local.health(POSTGRES).healthy())
                        .as("PostgreSQL is down")
                        .isFalse();
                ObjectNode added = StackFixture.JSON.createObjectNode().put("role", "member");
                added.putArray("userIds").add("carol").add("dave");
                long addSeq = js.publish(Subjects.channelMeta(channel), event("members.added", channel, added))
                        .getSeqno();
                js.publish(
                        Subjects.channelMeta(channel),
                        event(
                                "member.removed",
                                channel,
                                StackFixture.JSON.createObjectNode().put("userId", "dave")));
                Poll.until(
                        "the meta writer holds the add it cannot apply",
                        APPLIED_WITHIN,
                        () -> writer(nats).getNumAckPending() > 0);
                Poll.until(
                        "the outage has lasted " + OUTAGE.toSeconds() + " s",
                        OUTAGE.plusSeconds(5),
                        () -> Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0);
                assertThat(writer(nats).getAckFloor().getStreamSequence())
                        .as("the add is not acked in the outage")
                        .isLessThan(addSeq);
            } finally {
                local.relaunch(List.of(POSTGRES)); // returns once it listens again
            }

            Poll.until(
                    APPLIED_WITHIN,
                    () -> api.get("/v1/channels/" + channel + "/members", api.token("alice")),
                    a -> a.status() == 200
                            && a.json().path("items").findValuesAsText("userId").contains("carol")
                            && !a.json()
                                    .path("items")
                                    .findValuesAsText("userId")
                                    .contains("dave"));
            List<String> expected = new ArrayList<>(List.of("alice", "bob", "carol"));
            expected.sort(PageBuckets.ORDER);
            assertThat(api.get("/v1/channels/" + channel + "/members", api.token("alice"))
                            .json()
                            .path("items")
                            .findValuesAsText("userId"))
                    .containsExactlyElementsOf(expected);
            assertThat(api.get("/v1/channels/" + channel, api.token("alice"))
                            .json()
                            .path("memberCount")
                            .asLong())
                    .isEqualTo(3);
            Poll.until(APPLIED_WITHIN, () -> writer(nats), w -> w.getNumAckPending() == 0 && w.getNumPending() == 0);
            // the permissions bucket agrees: the removal came after the add there too
            assertThat(api.sendMessage("dave", channel, "m-dave", "x").status()).isEqualTo(403);
            assertThat(api.sendMessage("carol", channel, "m-carol", "x").status())
                    .isEqualTo(202);
            assertThat(deadLetters(nats))
                    .as("nothing dead-lettered because the store was away")
                    .isEqualTo(deadLettersBefore);
        }
    }

    private static byte[] event(String type, String channelId, ObjectNode payload) {
        ObjectNode envelope = StackFixture.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("channelId", channelId)
                .put("actorId", "alice")
                .put("occurredAt", Instant.now().toString());
        envelope.set("payload", payload);
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerInfo writer(Connection nats) {
        try {
            return nats.jetStreamManagement().getConsumerInfo(Subjects.META_STREAM, WRITER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadLetters(Connection nats) throws Exception {
        List<Subject> subjects = nats.jetStreamManagement()
                .getStreamInfo(
                        Subjects.DEAD_LETTER_STREAM, StreamInfoOptions.filterSubjects(Subjects.deadLetter(WRITER)))
                .getStreamState()
                .getSubjects();
        return subjects == null
                ? 0
                : subjects.stream().mapToLong(Subject::getCount).sum();
    }
}
