package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.chorus.common.events.UuidV7;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryWalkTest {
    /** Cassandra's order of version 7 ids: their bytes as unsigned numbers. */
    private static final Comparator<UUID> CASSANDRA = Comparator.comparing(
                    UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final long START = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    /**
     * A channel's rows as a random sequence of operations leaves them: messages sent, and edits or deletes of ids the
     * channel never had (rows with no message), spread over a few days. Reads are counted.
     */
    private static final class Channel implements HistoryWalk.Rows<UUID> {
        final TreeMap<LocalDate, TreeMap<UUID, Boolean>> buckets = new TreeMap<>();
        final List<UUID> messages = new ArrayList<>();
        int reads;

        /** @param ops each op: its low bit says message (0) or no message (1); the rest moves the clock on */
        Channel(List<Integer> ops) {
            long time = START;
            for (int op : ops) {
                time += (op >> 1) * 997L;
                UUID id = UuidV7.at(time);
                boolean message = (op & 1) == 0;
                buckets.computeIfAbsent(day(id), d -> new TreeMap<>(CASSANDRA)).put(id, message);
                if (message) {
                    messages.add(id);
                }
            }
            messages.sort(CASSANDRA.reversed());
        }

        @Override
        public List<HistoryWalk.Row<UUID>> read(
                LocalDate bucket, Optional<UUID> before, Optional<UUID> after, boolean ascending, int limit) {
            reads++;
            TreeMap<UUID, Boolean> rows = buckets.get(bucket);
            var range = rows.entrySet().stream()
                    .filter(e -> before.isEmpty() || CASSANDRA.compare(e.getKey(), before.get()) < 0)
                    .filter(e -> after.isEmpty() || CASSANDRA.compare(e.getKey(), after.get()) > 0)
                    .sorted((a, b) -> ascending
                            ? CASSANDRA.compare(a.getKey(), b.getKey())
                            : CASSANDRA.compare(b.getKey(), a.getKey()))
                    .limit(limit);
            return range.map(e -> new HistoryWalk.Row<>(e.getKey(), e.getValue() ? e.getKey() : null))
                    .toList();
        }

        /** The non-empty buckets within the query's bounds, in its order, as {@code channel_days} lists them. */
        List<LocalDate> buckets(HistoryQuery query) {
            List<LocalDate> days = new ArrayList<>(buckets.keySet());
            days.removeIf(d ->
                    (query.after().isPresent() && d.isBefore(day(query.after().get())))
                            || (query.before().isPresent()
                                    && d.isAfter(day(query.before().get()))));
            if (!query.ascending()) {
                Collections.reverse(days);
            }
            return days;
        }

        HistoryWalk.Page<UUID> page(HistoryQuery query) {
            return HistoryWalk.page(query, buckets(query), this);
        }
    }

    private static LocalDate day(UUID id) {
        return LocalDate.ofInstant(UuidV7.timestamp(id), ZoneOffset.UTC);
    }

    @Test
    void pagingBackFromTheNewestGivesEveryMessageOnceInOrderAndEveryPageButTheLastIsFull() {
        qt().forAll(
                        lists().of(integers().between(0, 400_000)).ofSizeBetween(0, 400),
                        integers().between(1, 60))
                .checkAssert((ops, limit) -> {
                    Channel channel = new Channel(ops);
                    List<UUID> seen = new ArrayList<>();
                    Optional<UUID> before = Optional.empty();
                    while (true) {
                        HistoryWalk.Page<UUID> page =
                                channel.page(new HistoryQuery("c1", before, Optional.empty(), limit));
                        seen.addAll(page.messages());
                        if (!page.hasMore()) {
                            break;
                        }
                        assertThat(page.messages()).hasSize(limit);
                        before = Optional.of(page.messages().get(limit - 1));
                    }
                    assertThat(seen).containsExactlyElementsOf(channel.messages);
                });
    }

    @Test
    void pagingForwardAfterAMessageGivesEveryNewerMessageOnceInOrder() {
        qt().forAll(
                        lists().of(integers().between(0, 400_000)).ofSizeBetween(1, 400),
                        integers().between(1, 60),
                        integers().between(0, 1_000))
                .checkAssert((ops, limit, pick) -> {
                    Channel channel = new Channel(ops);
                    if (channel.messages.isEmpty()) {
                        return;
                    }
                    UUID from = channel.messages.get(pick % channel.messages.size());
                    List<UUID> expected = new ArrayList<>(channel.messages.subList(0, channel.messages.indexOf(from)));
                    Collections.reverse(expected);
                    List<UUID> seen = new ArrayList<>();
                    Optional<UUID> after = Optional.of(from);
                    while (true) {
                        HistoryWalk.Page<UUID> page =
                                channel.page(new HistoryQuery("c1", Optional.empty(), after, limit));
                        seen.addAll(page.messages());
                        if (!page.hasMore()) {
                            break;
                        }
                        assertThat(page.messages()).hasSize(limit);
                        after = Optional.of(page.messages().get(limit - 1));
                    }
                    assertThat(seen).containsExactlyElementsOf(expected);
                });
    }

    @Test
    void aPageBetweenTwoMessagesHoldsTheNewestOfThoseBetween() {
        qt().forAll(
                        lists().of(integers().between(0, 400_000)).ofSizeBetween(2, 300),
                        integers().between(1, 60),
                        integers().between(0, 1_000),
                        integers().between(0, 1_000))
                .checkAssert((ops, limit, a, b) -> {
                    Channel channel = new Channel(ops);
                    if (channel.messages.size() < 2) {
                        return;
                    }
                    int newer = Math.min(a % channel.messages.size(), b % channel.messages.size());
                    int older = Math.max(a % channel.messages.size(), b % channel.messages.size());
                    List<UUID> between = newer < older ? channel.messages.subList(newer + 1, older) : List.of();
                    HistoryWalk.Page<UUID> page = channel.page(new HistoryQuery(
                            "c1",
                            Optional.of(channel.messages.get(newer)),
                            Optional.of(channel.messages.get(older)),
                            limit));
                    assertThat(page.messages())
                            .containsExactlyElementsOf(between.subList(0, Math.min(limit, between.size())));
                    assertThat(page.hasMore()).isEqualTo(between.size() > limit);
                });
    }

    @Test
    void rowsThatAreNoMessagesBeforeTheOnlyMessagesCostFewReads() {
        List<Integer> ops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ops.add(2);
        }
        for (int i = 0; i < 1_000; i++) {
            ops.add(3);
        }
        Channel channel = new Channel(ops);
        HistoryWalk.Page<UUID> page = channel.page(new HistoryQuery("c1", Optional.empty(), Optional.empty(), 50));

        assertThat(page.messages()).containsExactlyElementsOf(channel.messages).hasSize(3);
        assertThat(page.hasMore()).isFalse();
        assertThat(channel.reads).isLessThanOrEqualTo(1 + 1_000 / HistoryWalk.MIN_CHUNK + 1);
    }
}
