package io.chorus.workers.search.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.UuidV7;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
                 "occurredAt":"2026-11-27T00:00:01Z","payload":{"clientMsgId":"k","text":"hello world"}}""".formatted(id)), 42, NOW);

        assertThat(action).isInstanceOfSatisfying(IndexAction.Upsert.class, u -> {
            assertThat(u.index()).isEqualTo("chorus-messages-2026.11.26");
            assertThat(u.id()).isEqualTo("c1/" + id);
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
                 "occurredAt":"2026-11-27T10:00:00Z","payload":{"messageId":"%s","text":"edited"}}""".formatted(UuidV7.generate(), id)), 43, NOW);

        assertThat(action).isInstanceOfSatisfying(IndexAction.Upsert.class, u -> {
            assertThat(u.index()).isEqualTo("chorus-messages-2026.11.26");
            assertThat(u.id()).isEqualTo("c1/" + id);
            assertThat(u.version()).isEqualTo(43);
            assertThat(u.document().text()).isEqualTo("edited");
            assertThat(u.document().editedAt()).isEqualTo("2026-11-27T10:00:00Z");
            assertThat(u.document().createdAt()).isEqualTo("2026-11-26T23:59:59Z");
        });
    }

    @Test
    void aDeleteReplacesTheDocumentByATombstoneWithoutTextAtTheFinalVersion() throws Exception {
        IndexAction action = indexing.plan(json("""
                {"id":"%s","type":"message.deleted","channelId":"c1","actorId":"u1",
                 "payload":{"messageId":"%s"}}""".formatted(UuidV7.generate(), id)), 44, NOW);

        assertThat(action).isInstanceOfSatisfying(IndexAction.Upsert.class, u -> {
            assertThat(u.index()).isEqualTo("chorus-messages-2026.11.26");
            assertThat(u.id()).isEqualTo("c1/" + id);
            assertThat(u.version()).isEqualTo(IndexAction.FINAL_VERSION);
            assertThat(u.document().text()).isNull();
            assertThat(u.document().authorId()).isNull();
            assertThat(u.document().channelId()).isEqualTo("c1");
        });
    }

    @Test
    void everyEventOfAMessageLandsOnTheDocumentOfTheChannelItNames() throws Exception {
        IndexAction created = indexing.plan(json("""
                {"id":"%s","type":"message.created","channelId":"theirs","actorId":"u1",
                 "payload":{"clientMsgId":"k","text":"hello"}}""".formatted(id)), 1, NOW);
        IndexAction deletedElsewhere = indexing.plan(json("""
                {"id":"%s","type":"message.deleted","channelId":"mine","actorId":"u2",
                 "payload":{"messageId":"%s"}}""".formatted(UuidV7.generate(), id)), 2, NOW);

        assertThat(((IndexAction.Upsert) created).id()).isEqualTo("theirs/" + id);
        assertThat(((IndexAction.Upsert) deletedElsewhere).id()).isEqualTo("mine/" + id);
    }

    /**
     * A create, some edits and a delete of one message, published in that order, reach the indexer in any order and
     * any of them again (redelivered, or published again under a new sequence): Elasticsearch keeps a write only if
     * its external version is above the document's. Whatever the order, the document ends a tombstone.
     */
    @Test
    void whateverOrderTheEventsArriveInTheDeleteIsFinal() {
        qt().forAll(
                        integers().between(0, 4),
                        lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 30),
                        integers().between(1, 1_000_000))
                .checkAssert((edits, deliveries, firstSeq) -> {
                    List<String> events = new ArrayList<>();
                    events.add(created("c1", "first"));
                    for (int i = 0; i < edits; i++) {
                        events.add(edited("c1", "edit " + i));
                    }
                    events.add(deleted("c1"));
                    Map<String, IndexAction.Upsert> index = new HashMap<>();
                    long nextSeq = (long) firstSeq + events.size();
                    // every event once, in stream order, then the arbitrary deliveries: each either the same
                    // stream message again or the same event published again under a new sequence
                    List<long[]> arrivals = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) {
                        arrivals.add(new long[] {i, firstSeq + i});
                    }
                    for (int d : deliveries) {
                        int event = d % events.size();
                        arrivals.add(new long[] {event, d % 2 == 0 ? firstSeq + event : nextSeq++});
                    }
                    Collections.shuffle(arrivals, new Random(firstSeq));
                    for (long[] arrival : arrivals) {
                        IndexAction.Upsert write = (IndexAction.Upsert) plan(events.get((int) arrival[0]), arrival[1]);
                        IndexAction.Upsert current = index.get(write.id());
                        if (current == null || write.version() > current.version()) {
                            index.put(write.id(), write);
                        }
                    }
                    assertThat(index).hasSize(1);
                    assertThat(index.get("c1/" + id).document().text()).isNull();
                });
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
                 "payload":{"clientMsgId":"k","text":"t"}}""".formatted(old)), 1, NOW)).isInstanceOf(IndexAction.Skip.class);
    }

    @Test
    void eventsThatCanNeverBeIndexedArePoison() {
        for (String body : new String[] {
            "not json",
            "[1,2]",
            "{\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}",
            "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"bad channel\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}"
                    .formatted(id),
            "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{}}"
                    .formatted(id),
            "{\"id\":\"%s\",\"type\":\"message.edited\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"messageId\":\"nope\",\"text\":\"t\"}}"
                    .formatted(id),
            "{\"id\":\"%s\",\"type\":\"message.deleted\",\"channelId\":\"c1\",\"actorId\":\"u1\"}".formatted(id),
            "{\"id\":\"%s\",\"channelId\":\"c1\"}".formatted(id),
            "{\"id\":\"%s\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"payload\":{\"text\":\"t\"}}"
                    .formatted(UUID.randomUUID())
        }) {
            assertThatThrownBy(() -> indexing.plan(json(body), 1, NOW)).as(body).isInstanceOf(PoisonEvent.class);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String created(String channel, String text) {
        return """
                {"id":"%s","type":"message.created","channelId":"%s","actorId":"u1",
                 "payload":{"clientMsgId":"k","text":"%s"}}""".formatted(id, channel, text);
    }

    private String edited(String channel, String text) {
        return """
                {"id":"%s","type":"message.edited","channelId":"%s","actorId":"u1",
                 "payload":{"messageId":"%s","text":"%s"}}""".formatted(UuidV7.generate(), channel, id, text);
    }

    private String deleted(String channel) {
        return """
                {"id":"%s","type":"message.deleted","channelId":"%s","actorId":"u1",
                 "payload":{"messageId":"%s"}}""".formatted(UuidV7.generate(), channel, id);
    }

    private IndexAction plan(String event, long seq) {
        try {
            return indexing.plan(json(event), seq, NOW);
        } catch (PoisonEvent e) {
            throw new AssertionError(e);
        }
    }
}
