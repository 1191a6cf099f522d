package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The message writer stores MESSAGES in Cassandra; the Query Service pages it across day buckets, members only. */
@Order(10)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageHistoryIT {
    private ChorusClient client;
    private LiveDeliveryFixture fixture;

    @BeforeAll
    void setUp(StackDescription stack) throws Exception {
        fixture = new LiveDeliveryFixture(stack);
        client = ChorusClient.of(stack);
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void historyPagesNewestFirstAcrossDayBucketsWithEditsAndDeletes() throws Exception {
        String channel = LiveDeliveryFixture.id("hist");
        String alice = LiveDeliveryFixture.id("alice");
        fixture.join(channel, List.of(alice));
        Instant now = Instant.now();
        List<LiveDeliveryFixture.Sent> sent = new ArrayList<>();
        sent.add(fixture.sendMessageAt(channel, alice, "three days ago", now.minus(3, ChronoUnit.DAYS)));
        sent.add(fixture.sendMessageAt(channel, alice, "two days ago", now.minus(2, ChronoUnit.DAYS)));
        sent.add(fixture.sendMessageAt(channel, alice, "yesterday", now.minus(1, ChronoUnit.DAYS)));
        sent.add(fixture.sendMessageAt(channel, alice, "an hour ago", now.minus(1, ChronoUnit.HOURS)));
        sent.add(fixture.sendMessageAt(channel, alice, "now", now));
        fixture.editMessage(channel, alice, sent.get(1).messageId(), "two days ago (edited)");
        fixture.deleteMessage(channel, alice, sent.get(3).messageId());
        // a create redelivered after the edit (outside the duplicate window) must not undo the edit
        fixture.publishRaw(channel, rawCreate(channel, alice, sent.get(1).messageId(), "two days ago"));

        Poll.until(
                "all 5 messages, the edit and the delete stored",
                Duration.ofSeconds(30),
                () -> get(channel, alice, "?limit=50").body(),
                body -> body.contains("(edited)") && body.contains("\"deleted\":true") && count(body) == 5);

        List<JsonNode> pages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 3; page++) {
            JsonNode body = ok(get(channel, alice, "?limit=2" + cursor));
            pages.add(body);
            body.path("messages").forEach(m -> ids.add(m.path("id").asText()));
            cursor = "&before=" + ids.get(ids.size() - 1);
        }
        assertThat(ids)
                .containsExactly(
                        sent.get(4).messageId().toString(),
                        sent.get(3).messageId().toString(),
                        sent.get(2).messageId().toString(),
                        sent.get(1).messageId().toString(),
                        sent.get(0).messageId().toString());
        assertThat(pages.get(0).path("hasMore").asBoolean()).isTrue();
        assertThat(pages.get(2).path("hasMore").asBoolean()).isFalse();
        JsonNode second = pages.get(0).path("messages").get(1);
        assertThat(second.path("deleted").asBoolean()).isTrue();
        assertThat(second.has("text")).isFalse();
        JsonNode edited = pages.get(1).path("messages").get(1);
        assertThat(edited.path("text").asText()).isEqualTo("two days ago (edited)");
        assertThat(edited.path("editedAt").asText()).isNotEmpty();
        assertThat(edited.path("authorId").asText()).isEqualTo(alice);

        JsonNode forward =
                json(get(channel, alice, "?limit=3&after=" + sent.get(0).messageId()));
        assertThat(forward.path("messages").findValuesAsText("id"))
                .containsExactly(
                        sent.get(1).messageId().toString(),
                        sent.get(2).messageId().toString(),
                        sent.get(3).messageId().toString());
        assertThat(forward.path("hasMore").asBoolean()).isTrue();

        JsonNode between = json(get(
                channel,
                alice,
                "?before=" + sent.get(4).messageId() + "&after=" + sent.get(1).messageId()));
        assertThat(between.path("messages").findValuesAsText("id"))
                .containsExactly(
                        sent.get(3).messageId().toString(),
                        sent.get(2).messageId().toString());
    }

    @Test
    void onlyMembersReadHistoryAndBadParametersGetA400() throws Exception {
        String channel = LiveDeliveryFixture.id("hist");
        String member = LiveDeliveryFixture.id("member");
        fixture.join(channel, List.of(member));

        Response stranger = get(channel, LiveDeliveryFixture.id("stranger"), "");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(json(stranger).at("/error/code").asText()).isEqualTo("not_a_member");

        assertThat(errorCode(get(channel, member, "?limit=0"), 400)).isEqualTo("invalid_limit");
        assertThat(errorCode(get(channel, member, "?limit=abc"), 400)).isEqualTo("invalid_limit");
        assertThat(errorCode(get(channel, member, "?before=not-a-uuid"), 400)).isEqualTo("invalid_cursor");
        assertThat(errorCode(get("bad.channel", member, ""), 400)).isEqualTo("invalid_channel_id");

        Response anonymous =
                client.raw(ChorusClient.Service.QUERY, "GET", "/v1/channels/" + channel + "/messages", null, null);
        assertThat(anonymous.status()).isEqualTo(401);

        JsonNode empty = json(get(channel, member, ""));
        assertThat(empty.path("messages").size()).isZero();
        assertThat(empty.path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheWriterKeepsGoing() throws Exception {
        String channel = LiveDeliveryFixture.id("poison");
        String bob = LiveDeliveryFixture.id("bob");
        fixture.join(channel, List.of(bob));
        long poisonSeq = fixture.publishRaw(channel, "{not json".getBytes(StandardCharsets.UTF_8));
        LiveDeliveryFixture.Sent after = fixture.sendMessage(channel, bob, "after the poison");

        Poll.until(
                "the message after the poison event stored",
                Duration.ofSeconds(30),
                () -> get(channel, bob, "").body(),
                body -> body.contains(after.messageId().toString()));

        JetStreamSubscription dlq = fixture.nats()
                .jetStream()
                .subscribe(
                        Subjects.deadLetter("message-writer"),
                        PullSubscribeOptions.builder().stream(Subjects.DEAD_LETTER_STREAM)
                                .configuration(ConsumerConfiguration.builder()
                                        .deliverPolicy(DeliverPolicy.All)
                                        .build())
                                .build());
        List<String> deadSeqs = new ArrayList<>();
        for (Message m : dlq.fetch(10_000, Duration.ofSeconds(2))) {
            deadSeqs.add(m.getHeaders().getFirst(DeadLetters.SEQUENCE_HEADER));
        }
        dlq.unsubscribe();
        assertThat(deadSeqs).contains(Long.toString(poisonSeq));
    }

    private byte[] rawCreate(String channel, String actor, UUID id, String text) throws Exception {
        var payload = LiveDeliveryFixture.JSON
                .createObjectNode()
                .put("clientMsgId", id.toString())
                .put("text", text);
        return LiveDeliveryFixture.JSON.writeValueAsBytes(new io.chorus.common.events.EventEnvelope(
                id, "message.created", channel, actor, io.chorus.common.events.UuidV7.timestamp(id), payload));
    }

    private Response get(String channel, String user, String params) {
        return client.raw(
                ChorusClient.Service.QUERY,
                "GET",
                "/v1/channels/" + channel + "/messages" + params,
                fixture.token(user),
                null);
    }

    private static String errorCode(Response response, int status) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return json(response).at("/error/code").asText();
    }

    private static JsonNode ok(Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode json(Response response) {
        return response.json() == null ? LiveDeliveryFixture.JSON.missingNode() : response.json();
    }

    private static int count(String body) {
        try {
            return LiveDeliveryFixture.JSON.readTree(body).path("messages").size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
