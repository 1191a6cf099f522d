package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.UuidV7;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryMutationsTest {
    private final HistoryMutations mutations = new HistoryMutations(Jackson.newObjectMapper());
    private final UUID id = UuidV7.at(Instant.parse("2026-03-04T23:59:59.500Z").toEpochMilli());

    @Test
    void aCreateLandsInTheUtcDayOfItsId() throws Exception {
        MessageMutation m = mutations.of(bytes("{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-05T00:00:00.100Z\",\"payload\":{\"clientMsgId\":\"x\","
                + "\"text\":\"hi\"}}"), 42).orElseThrow();

        assertThat(m).isEqualTo(new MessageMutation.Create("c1", LocalDate.parse("2026-03-04"), id, "u1", "hi",
                Instant.parse("2026-03-05T00:00:00.100Z"), 42, "x"));
        assertThat(m.partitionKey()).isEqualTo("c1/2026-03-04");
    }

    @Test
    void aCreateWithoutAClientMsgIdIsStoredWithout() throws Exception {
        MessageMutation m = mutations.of(bytes("{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-05T00:00:00Z\",\"payload\":{\"text\":\"hi\"}}"), 7)
                .orElseThrow();

        assertThat(((MessageMutation.Create) m).clientMsgId()).isNull();
    }

    @Test
    void editsAndDeletesTargetTheBucketOfTheMessageTheyName() throws Exception {
        String edit = "{\"id\":\"" + UuidV7.generate() + "\",\"type\":\"message.edited\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-06T10:00:00Z\",\"payload\":{\"messageId\":\"" + id
                + "\",\"text\":\"new\"}}";
        String delete = edit.replace("message.edited", "message.deleted");

        assertThat(mutations.of(bytes(edit), 1).orElseThrow()).isEqualTo(new MessageMutation.Edit("c1",
                LocalDate.parse("2026-03-04"), id, "new", Instant.parse("2026-03-06T10:00:00Z")));
        assertThat(mutations.of(bytes(delete), 1).orElseThrow()).isEqualTo(new MessageMutation.Delete("c1",
                LocalDate.parse("2026-03-04"), id, Instant.parse("2026-03-06T10:00:00Z")));
    }

    @Test
    void reactionsLeaveHistoryAlone() throws Exception {
        String reaction = "{\"id\":\"" + UuidV7.generate() + "\",\"type\":\"reaction.added\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-06T10:00:00Z\",\"payload\":{\"messageId\":\"" + id
                + "\",\"emoji\":\"+1\"}}";
        assertThat(mutations.of(bytes(reaction), 1)).isEmpty();
    }

    @Test
    void malformedEventsArePoison() {
        String ok = "{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\","
                + "\"occurredAt\":\"2026-03-05T00:00:00Z\",\"payload\":{\"text\":\"hi\"}}";
        for (String bad : new String[]{"{not json", "null", ok.replace("\"c1\"", "\"a.b\""),
                ok.replace(id.toString(), UUID.randomUUID().toString()), ok.replace("message.created", "message.exploded"),
                ok.replace("\"text\":\"hi\"", "\"text\":5"), ok.replace(",\"occurredAt\":\"2026-03-05T00:00:00Z\"", "")}) {
            assertThatThrownBy(() -> mutations.of(bytes(bad), 1)).as(bad).isInstanceOf(PoisonEvent.class);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
