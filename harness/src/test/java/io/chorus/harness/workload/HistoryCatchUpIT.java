package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryPage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fleet's catch-up after {@code resync_required}, against the real Query API: it finds the user's channels,
 * reads on from the last message the user had (oldest first, following the cursors across pages), and reads a
 * channel it had nothing of back to the user's first ready, and no further.
 *
 * <p>Its two users are its own, not the plan's {@code u0} and {@code u1}, for the reason {@link FleetResyncIT} gives.
 */
@Order(33)
@ExtendWith(LocalStackExtension.class)
class HistoryCatchUpIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readsWhatTheUserMissedFromTheQueryApi(StackDescription stack) {
        String group = "catchup-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = group + "-0";
        String reader = group + "-reader"; // in this channel only (see the class comment)
        String writer = group + "-writer";
        TestPopulation.seed(stack, Map.of(channel, List.of(reader, writer)));
        Seeder.Seeded users = TestPopulation.tokens(stack);
        MessageSender sender = new MessageSender(stack, users);
        RunClock clock = new RunClock();
        String old = sender.send(writer, channel, group + "-old", "before the reader was ever ready");
        ChorusClient client = ChorusClient.of(stack);
        awaitStored(client, users.tokenFor(writer), channel, 1);
        Poll.pause(Duration.ofMillis(5)); // createdAt is in milliseconds: the first ready is after the old message's
        long firstReady = clock.nowMicros();
        List<String> sent = new ArrayList<>();
        int count = HistoryCatchUp.PAGE + 5; // two pages either way
        for (int i = 0; i < count; i++) {
            sent.add(sender.send(writer, channel, group + "-" + i, "message " + i));
        }
        awaitStored(client, users.tokenFor(writer), channel, count + 1);
        HistoryCatchUp catchUp = new HistoryCatchUp(client, Poll::pause, clock::nowMicros, () -> false);

        List<HistoryRead> onFrom =
                catchUp.read(reader, users.tokenFor(reader), Map.of(channel, sent.get(2)), firstReady);
        assertThat(onFrom)
                .filteredOn(r -> channel.equals(r.channel()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.complete()).isTrue();
                    assertThat(r.messageIds()).containsExactlyElementsOf(sent.subList(3, count));
                });

        List<HistoryRead> back = catchUp.read(reader, users.tokenFor(reader), Map.of(), firstReady);
        assertThat(back)
                .filteredOn(r -> channel.equals(r.channel()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.complete()).isTrue();
                    assertThat(r.messageIds())
                            .containsExactlyInAnyOrderElementsOf(sent)
                            .doesNotContain(old);
                });
    }

    /** Polled with the writer's token, so the reader's own rate limit is left whole for the catch-up. */
    private static void awaitStored(ChorusClient client, String token, String channel, int count) {
        Poll.until(
                count + " messages in " + channel + "'s history", WAIT, () -> stored(client, token, channel) >= count);
    }

    /** How many messages the channel's history holds now, walking it newest first; -1 when a page is refused. */
    private static int stored(ChorusClient client, String token, String channel) {
        int n = 0;
        String before = null;
        do {
            HistoryPage page;
            try {
                page = client.history(
                        token, channel, before == null ? HistoryQuery.newest(200) : HistoryQuery.before(before, 200));
            } catch (ApiException refused) {
                return -1;
            }
            n += page.messages().size();
            before = page.nextCursor();
        } while (before != null);
        return n;
    }
}
