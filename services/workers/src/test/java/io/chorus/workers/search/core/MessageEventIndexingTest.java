package io.chorus.workers.search.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.UuidV7;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageEventIndexingTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final MessageEventIndexing indexing = new MessageEventIndexing(30);
    private final UUID id = UuidV7.at(Instant.parse("2026-11-26T23:59:59Z").toEpochMilli());

    @Test
    void aCreatedMessageIsIndexedInTheDailyIndexOfItsIdWithTheSequenceAsVersion() throws Exception {
        IndexAction action = indexing.plan(json("""
                {"id":"%s","type":"message.created","channelId":"c1","actorId":"u1",
                 "occurredAt":"2026-11-27T00:00:01Z","payload":{"clientMsgId":"k","text":"hello world"}}""".formatted(id)),
                42, NOW);

        assertThat(action).isInstanceOfSatisfying(IndexAction.Upsert.class, u -> {
            assertThat(u.index()).isEqualTo("chorus-messages-2026.11.26");
            assertThat(u.id()).isEqualTo(id.toString());
            assertThat(u.version()).isEqualTo(42);
            assertThat(u.document().channelId()).isEqualTo("c1");
            assertThat(u.document().authorId()).isEqualTo("u1");
            assertThat(u.document().text()).isEqualTo("hello world");
            assertThat(u.document().createdAt()).isEqualTo("2026-11-26T23:59:59Z");
            assertThat(u.document().editedAt()).isNull();
        });
    }

    @Test
    void anEditReindexesTheWholeDocumentInTheSameIndex() throws Exception {
        IndexAction action = indexing.plan(json("""
                {"id":"%s","type":"message.edited","channelId":"c1","actorId":"u1",
                 "occurredAt":"2026-11-27T10:00:00Z","payload":{"messageId":"%s","text":"edited"}}"""
                .formatted(UuidV7.generate(), id)), 43, NOW);

        assertThat(action).isInstanceOfSatisfying(IndexAction.Upsert.class, u -> {
            assertThat(u.index()).isEqualTo("chorus-messages-2026.11.26");
            assertThat(u.id()).isEqualTo(id.toString());
            assertThat(u.version()).isEqualTo(43);
            assertThat(u.document().text()).isEqualTo("edited");
            assertThat(u.document().editedAt()).isEqualTo("2026-11-27T10:00:00Z");
            assertThat(u.document().createdAt()).isEqualTo("2026-11-26T23:59:59Z");
        });
    }

    @Test
    void aDeleteRemovesTheDocumentWithAVersion() throws Exception {
        IndexAction action = indexing.plan(json("""
                {"id":"%s","type":"message.deleted","channelId":"c1","actorId":"u1",
                 "payload":{"messageId":"%s"}}""".formatted(UuidV7.generate(), id)), 44, NOW);

        assertThat(action).isEqualTo(new IndexAction.Remove("chorus-messages-2026.11.26", id.toString(), 44));
    }

    @Test
    void reactionsAndMessagesPastRetentionAreSkipped() throws Exception {
        UUID old = UuidV7.at(Instant.parse("2026-10-01T00:00:00Z").toEpochMilli());
        assertThat(indexing.plan(json("""
                {"id":"%s","type":"reaction.added","channelId":"c1","actorId":"u1",
                 "payload":{"messageId":"%s","emoji":"x"}}""".formatted(UuidV7.generate(), id)), 1, NOW))
                .isInstanceOf(IndexAction.Skip.class);
        assertThat(indexing.plan(json("""
                {"id":"%s","type":"message.created","channelId":"c1","actorId":"u1",
                 "payload":{"clientMsgId":"k","text":"t"}}""".formatted(old)), 1, NOW))
                .isInstanceOf(IndexAction.Skip.class);
    }

    @Test
    void eventsThatCanNeverBeIndexedArePoison() {
        for (String body : new String[] {
                "not json",
                "[1,2]",
                "{\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}",
                "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"bad channel\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}".formatted(id),
                "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{}}".formatted(id),
                "{\"id\":\"%s\",\"type\":\"message.edited\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"messageId\":\"nope\",\"text\":\"t\"}}".formatted(id),
                "{\"id\":\"%s\",\"type\":\"message.deleted\",\"channelId\":\"c1\",\"actorId\":\"u1\"}".formatted(id),
                "{\"id\":\"%s\",\"channelId\":\"c1\"}".formatted(id),
                "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}"
                        .formatted(UUID.randomUUID())}) {
            assertThatThrownBy(() -> indexing.plan(json(body), 1, NOW)).as(body).isInstanceOf(PoisonEvent.class);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
