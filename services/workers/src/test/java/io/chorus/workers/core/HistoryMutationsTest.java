package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.UuidV7;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryMutationsTest {
    private final HistoryMutations mutations = new HistoryMutations(Jackson.newObjectMapper());
    private final UUID id = UuidV7.at(Instant.parse("2026-03-04T23:59:59.500Z").toEpochMilli());

    @Test
    void aCreateLandsInTheUtcDayOfItsId() throws Exception {
        MessageMutation m = mutations
                .of(
                        bytes("{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\","
                                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-05T00:00:00.100Z\",\"payload\":{\"clientMsgId\":\"x\","
                                + "\"text\":\"hi\"}}"),
                        42)
                .orElseThrow();

        assertThat(m)
                .isEqualTo(new MessageMutation.Create(
                        "c1",
                        LocalDate.parse("2026-03-04"),
                        id,
                        "u1",
                        "hi",
                        Instant.parse("2026-03-05T00:00:00.100Z"),
                        42,
                        "x"));
        assertThat(m.partitionKey()).isEqualTo("c1/2026-03-04");
    }

    @Test
    void aCreateWithoutAClientMsgIdIsStoredWithout() throws Exception {
        MessageMutation m = mutations
                .of(
                        bytes(
                                "{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\","
                                        + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-05T00:00:00Z\",\"payload\":{\"text\":\"hi\"}}"),
                        7)
                .orElseThrow();

        assertThat(((MessageMutation.Create) m).clientMsgId()).isNull();
    }

    @Test
    void editsAndDeletesTargetTheBucketOfTheMessageTheyName() throws Exception {
        String edit = "{\"id\":\"" + UuidV7.generate() + "\",\"type\":\"message.edited\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-06T10:00:00Z\",\"payload\":{\"messageId\":\"" + id
                + "\",\"text\":\"new\"}}";
        String delete = edit.replace("message.edited", "message.deleted");

        assertThat(mutations.of(bytes(edit), 1).orElseThrow())
                .isEqualTo(new MessageMutation.Edit(
                        "c1", LocalDate.parse("2026-03-04"), id, "new", Instant.parse("2026-03-06T10:00:00Z")));
        assertThat(mutations.of(bytes(delete), 1).orElseThrow())
                .isEqualTo(new MessageMutation.Delete(
                        "c1", LocalDate.parse("2026-03-04"), id, Instant.parse("2026-03-06T10:00:00Z")));
    }

    @Test
    void reactionsLandBesideTheirMessageInTheirOwnBatches() throws Exception {
        String reaction = "{\"id\":\"" + UuidV7.generate() + "\",\"type\":\"reaction.added\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-06T10:00:00Z\",\"payload\":{\"messageId\":\"" + id
                + "\",\"emoji\":\"+1\"}}";
        MessageMutation added = mutations.of(bytes(reaction), 1).orElseThrow();
        MessageMutation removed = mutations
                .of(bytes(reaction.replace("reaction.added", "reaction.removed")), 2)
                .orElseThrow();

        assertThat(added)
                .isEqualTo(new MessageMutation.React(
                        "c1",
                        LocalDate.parse("2026-03-04"),
                        id,
                        "+1",
                        "u1",
                        Instant.parse("2026-03-06T10:00:00Z"),
                        true));
        assertThat(((MessageMutation.React) removed).added()).isFalse();
        assertThat(added.writeTime()).isEqualTo(removed.writeTime());
        assertThat(added.partitionKey()).isEqualTo("reactions/c1/2026-03-04").isNotEqualTo("c1/2026-03-04");
        assertThat(added.marksDay()).isFalse();
    }

    @Test
    void malformedReactionsArePoison() {
        String ok = "{\"id\":\"" + UuidV7.generate() + "\",\"type\":\"reaction.added\",\"channelId\":\"c1\","
                + "\"actorId\":\"u1\",\"occurredAt\":\"2026-03-06T10:00:00Z\",\"payload\":{\"messageId\":\"" + id
                + "\",\"emoji\":\"+1\"}}";
        for (String bad : new String[] {
            ok.replace("\"emoji\":\"+1\"", "\"emoji\":\" \""),
            ok.replace("\"emoji\":\"+1\"", "\"emoji\":\"" + "x".repeat(65) + "\""),
            ok.replace(",\"emoji\":\"+1\"", ""),
            ok.replace("\"actorId\":\"u1\",", ""),
            ok.replace(id.toString(), UUID.randomUUID().toString())
        }) {
            assertThatThrownBy(() -> mutations.of(bytes(bad), 1)).as(bad).isInstanceOf(PoisonEvent.class);
        }
    }

    @Test
    void malformedEventsArePoison() {
        String ok = "{\"id\":\"" + id + "\",\"type\":\"message.created\",\"channelId\":\"c1\",\"actorId\":\"u1\","
                + "\"occurredAt\":\"2026-03-05T00:00:00Z\",\"payload\":{\"text\":\"hi\"}}";
        for (String bad : new String[] {
            "{not json",
            "null",
            ok.replace("\"c1\"", "\"a.b\""),
            ok.replace(id.toString(), UUID.randomUUID().toString()),
            ok.replace("message.created", "message.exploded"),
            ok.replace("\"text\":\"hi\"", "\"text\":5"),
            ok.replace(",\"occurredAt\":\"2026-03-05T00:00:00Z\"", "")
        }) {
            assertThatThrownBy(() -> mutations.of(bytes(bad), 1)).as(bad).isInstanceOf(PoisonEvent.class);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A create, edits and a delete of one message, with any event times (clocks disagree) and in any order, each
     * possibly twice: the history row is written cell by cell, Cassandra keeping per cell the newest write time (on a
     * tie, a null over a value). Whatever happens, the row ends deleted, with no text and no edit time.
     */
    @Test
    void whateverTheOrderAndTheClocksTheDeleteIsFinal() {
        qt().forAll(
                        lists().of(longs().between(0, 253_402_300_799_000L)).ofSizeBetween(1, 6),
                        longs().between(0, 253_402_300_799_000L),
                        integers().between(0, Integer.MAX_VALUE))
                .checkAssert((editTimes, deleteTime, seed) -> {
                    List<MessageMutation> events = new ArrayList<>();
                    events.add(of("message.created", "created", 0));
                    for (long time : editTimes) {
                        events.add(of("message.edited", "edit at " + time, time));
                    }
                    events.add(of("message.deleted", null, deleteTime));
                    List<MessageMutation> arrivals = new ArrayList<>(events);
                    arrivals.addAll(events);
                    Collections.shuffle(arrivals, new Random(seed));
                    Map<String, Cell> row = new HashMap<>();
                    for (MessageMutation m : arrivals) {
                        write(row, m);
                    }
                    assertThat(row.get("deleted").value()).isEqualTo("true");
                    assertThat(row.get("text").value()).isNull();
                    assertThat(row.get("edited_at") == null
                                    || row.get("edited_at").value() == null)
                            .isTrue();
                });
    }

    /** One cell of the modelled row: its write time and value (null: a tombstone). */
    private record Cell(long writeTime, String value) {}

    /** The cells MessageStore's statements set for a mutation, each kept if it wins over the current one. */
    private static void write(Map<String, Cell> row, MessageMutation m) {
        Map<String, String> cells = new HashMap<>();
        if (m instanceof MessageMutation.Create c) {
            cells.put("text", c.text());
            cells.put("created_at", c.createdAt().toString());
        } else if (m instanceof MessageMutation.Edit e) {
            cells.put("text", e.text());
            cells.put("edited_at", e.editedAt().toString());
        } else {
            cells.put("text", null);
            cells.put("edited_at", null);
            cells.put("deleted", "true");
        }
        cells.forEach((column, value) -> row.merge(
                column,
                new Cell(m.writeTime(), value),
                (old, now) -> now.writeTime() > old.writeTime()
                                || (now.writeTime() == old.writeTime()
                                        && (now.value() == null
                                                || (old.value() != null
                                                        && now.value().compareTo(old.value()) > 0)))
                        ? now
                        : old));
    }

    private MessageMutation of(String type, String text, long epochMillis) {
        boolean create = type.equals("message.created");
        String payload = create
                ? "{\"clientMsgId\":\"k\",\"text\":\"" + text + "\"}"
                : "{\"messageId\":\"" + id + "\"" + (text == null ? "" : ",\"text\":\"" + text + "\"") + "}";
        String body = "{\"id\":\"" + (create ? id : UuidV7.generate()) + "\",\"type\":\"" + type
                + "\",\"channelId\":\"c1\",\"actorId\":\"u1\",\"occurredAt\":\""
                + Instant.ofEpochMilli(epochMillis) + "\",\"payload\":" + payload + "}";
        try {
            return mutations.of(bytes(body), 1).orElseThrow();
        } catch (PoisonEvent e) {
            throw new AssertionError(e);
        }
    }
}
