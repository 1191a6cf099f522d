package io.chorus.harness.workload;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryPage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.MyChannel;
import io.chorus.harness.client.Page;
import io.chorus.harness.client.Reaction;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.ReactionsSeen;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.UnreadSeen;
import io.chorus.harness.stack.StackDescription;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After the load: once every durable consumer has caught up (so the writers stored what the run published), reads
 * back what the mix's reactions and read marks should have left, and records it as {@link ReactionsSeen} and
 * {@link UnreadSeen} for the checkers to judge against the history. Reads only; a read that fails is left out and
 * the item counts as not verified.
 */
public final class MixVerification {
    static final Duration WRITERS_CATCH_UP = Duration.ofSeconds(60);
    private static final int HISTORY_PAGES = 20;

    private final ChorusClient client;
    private final MixState state;
    private final HistoryWriter history;
    private final RunClock clock;
    private final PrintStream out;

    public MixVerification(
            ChorusClient client, MixState state, HistoryWriter history, RunClock clock, PrintStream out) {
        this.client = client;
        this.state = state;
        this.history = history;
        this.clock = clock;
        this.out = out;
    }

    public void verify(StackDescription stack) {
        if (state.reactions().isEmpty() && state.marks().isEmpty()) {
            return;
        }
        awaitWriters(stack);
        out.println("verifying " + state.reactions().size() + " reactions and "
                + state.marks().size() + " read marks");
        state.marks().stream()
                .collect(Collectors.groupingBy(MixState.Seat::user, LinkedHashMap::new, Collectors.toList()))
                .forEach((user, seats) ->
                        unread(user, seats.stream().map(MixState.Seat::channel).collect(Collectors.toSet())));
        state.reactions().forEach(this::reactions);
    }

    private void awaitWriters(StackDescription stack) {
        if (stack.nats().monitor().isEmpty()) {
            return;
        }
        try {
            Poll.until(
                    WRITERS_CATCH_UP,
                    () -> ConsumerLagProbe.pendingNow(stack),
                    pending -> !pending.isEmpty() && pending.values().stream().allMatch(p -> p == 0));
        } catch (IllegalStateException e) {
            out.println("the consumers did not catch up before the verification: " + e.getMessage());
        }
    }

    private void unread(String user, Set<String> channels) {
        Map<String, MyChannel> listed = new HashMap<>();
        try {
            String cursor = null;
            do {
                Page<MyChannel> page = client.myChannels(state.token(user), cursor, 100);
                page.items().forEach(c -> listed.put(c.channelId(), c));
                cursor = page.last() ? null : page.nextCursor();
            } while (cursor != null);
        } catch (ApiException | UncheckedIOException e) {
            out.println("my-channels of " + user + " failed: " + e.getMessage());
            return;
        }
        long now = clock.nowMicros();
        for (String channel : channels) {
            MyChannel c = listed.get(channel);
            if (c != null) {
                history.append(new UnreadSeen(
                        user,
                        channel,
                        c.lastReadMessageId(),
                        c.unread() == null ? -1 : c.unread(),
                        Boolean.TRUE.equals(c.countsCapped()),
                        now));
            }
        }
    }

    private void reactions(MixState.Reacted r) {
        MixState.Seen m = r.message();
        try {
            String before = null;
            for (int page = 0; page < HISTORY_PAGES; page++) {
                HistoryPage read = client.history(
                        state.token(m.reader()),
                        m.channel(),
                        before == null ? HistoryQuery.newest(100) : HistoryQuery.before(before, 100));
                for (HistoryMessage message : read.messages()) {
                    if (message.id().equals(m.messageId())) {
                        List<String> reacted = message.reactions().stream()
                                .filter(Reaction::reacted)
                                .map(Reaction::emoji)
                                .toList();
                        history.append(new ReactionsSeen(
                                m.reader(), m.channel(), m.messageId(), true, reacted, clock.nowMicros()));
                        return;
                    }
                }
                before = read.nextCursor();
                if (before == null) {
                    break;
                }
            }
            history.append(
                    new ReactionsSeen(m.reader(), m.channel(), m.messageId(), false, List.of(), clock.nowMicros()));
        } catch (ApiException | UncheckedIOException e) {
            out.println("history of " + m.channel() + " failed: " + e.getMessage());
        }
    }
}
