package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.UuidV7;
import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.api.Views;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnreadCountsTest {
    private static final Instant JOINED = Instant.parse("2026-11-20T10:00:00Z");

    private static HistoryMessage message(String author, String text, boolean deleted) {
        return new HistoryMessage(UuidV7.generate(), "c1", author, text, JOINED, null, deleted, 1L, null);
    }

    private static Views.MyChannel channel(String id, String lastRead) {
        return new Views.MyChannel(id, "member", JOINED, id, "public", lastRead, null, null, null);
    }

    @Test
    void countsOthersLiveMessagesAndTheCallersMentions() {
        List<HistoryMessage> after = List.of(
                message("bob", "hello", false),
                message("bob", "@alice look", false),
                message("bob", "mail alice@example.com", false),
                message("carol", "@alice gone", true),
                message("alice", "@alice note to self", false),
                message("carol", "@alicia and @bob", false));
        assertThat(UnreadCounts.of("alice", after, false)).isEqualTo(new UnreadCounts.Counts(4, 1, false));
        assertThat(UnreadCounts.of("alice", List.of(), true)).isEqualTo(new UnreadCounts.Counts(0, 0, true));
    }

    @Test
    void readsAfterTheMarkOrFromWhenTheCallerJoined() {
        UUID mark = UuidV7.generate();
        HistoryQuery marked = UnreadCounts.query(channel("c1", mark.toString()));
        assertThat(marked.after()).contains(mark);
        assertThat(marked.ascending()).isTrue();
        assertThat(marked.limit()).isEqualTo(UnreadCounts.MAX_MESSAGES);

        UUID joined = UnreadCounts.query(channel("c1", null)).after().orElseThrow();
        assertThat(UuidV7.timestamp(joined)).isEqualTo(JOINED);
        UUID sentThen = UuidV7.at(JOINED.toEpochMilli());
        assertThat(Long.compareUnsigned(joined.getMostSignificantBits(), sentThen.getMostSignificantBits()) < 0
                        || (joined.getMostSignificantBits() == sentThen.getMostSignificantBits()
                                && Long.compareUnsigned(
                                                joined.getLeastSignificantBits(), sentThen.getLeastSignificantBits())
                                        <= 0))
                .as("a message sent the millisecond the caller joined is not before the bound")
                .isTrue();
    }

    @Test
    void countsOnlyTheFirstChannelsOfAPageOneReadEach() {
        List<Views.MyChannel> page = new ArrayList<>();
        for (int i = 0; i < UnreadCounts.MAX_CHANNELS + 5; i++) {
            page.add(channel("c" + i, null));
        }
        List<String> read = new ArrayList<>();
        List<Views.MyChannel> counted = UnreadCounts.count("alice", page, q -> {
            read.add(q.channelId());
            return new HistoryPage(
                    List.of(message("bob", "hi @alice", false)), q.channelId().equals("c3"));
        });
        assertThat(read).hasSize(UnreadCounts.MAX_CHANNELS).doesNotHaveDuplicates();
        assertThat(counted).hasSize(page.size());
        assertThat(counted.get(0).unread()).isEqualTo(1);
        assertThat(counted.get(0).mentions()).isEqualTo(1);
        assertThat(counted.get(0).countsCapped()).isFalse();
        assertThat(counted.get(3).countsCapped()).isTrue();
        assertThat(counted.get(UnreadCounts.MAX_CHANNELS).unread()).isNull();
        assertThat(counted.get(UnreadCounts.MAX_CHANNELS).channelId()).isEqualTo("c" + UnreadCounts.MAX_CHANNELS);
    }
}
