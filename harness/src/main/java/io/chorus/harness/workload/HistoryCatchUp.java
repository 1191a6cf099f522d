package io.chorus.harness.workload;

import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryPage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.MyChannel;
import io.chorus.harness.client.Page;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.history.HistoryRead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a client does after {@code resync_required} (protocol: "read the channels' history from the Query Service"):
 * lists the user's channels ({@code GET /v1/users/me/channels}, following {@code nextCursor}), then reads each
 * channel's messages it missed and returns one {@link HistoryRead} per channel with the ids it saw. A channel with a
 * last message the user had is read oldest first after it ({@code after=}); one it had nothing of is read newest
 * first back to the user's first ready ({@code before=}, stopping at the first message created before it). Pages
 * follow the API's cursors (the last id of a page with {@code hasMore}).
 *
 * <p>A 429 (the query service limits each user's rate, decision 0112) is waited out by the client's
 * {@link RateLimitWait}, with the patience left of {@link #PATIENCE} for the whole catch-up; past that, or on any
 * other refusal, the channel's read is recorded as incomplete with what it had, and so are the channels not
 * reached. At most {@value #MAX_PAGES} pages a channel: a client showing a conversation does not page through an
 * unbounded backlog.
 */
final class HistoryCatchUp {
    static final int PAGE = 200;
    static final int MAX_PAGES = 50;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChorusClient client;
    private final Consumer<Duration> pause;
    private final LongSupplier nowMicros;
    private final BooleanSupplier stopped;

    HistoryCatchUp(ChorusClient client, Consumer<Duration> pause, LongSupplier nowMicros, BooleanSupplier stopped) {
        this.client = client;
        this.pause = pause;
        this.nowMicros = nowMicros;
        this.stopped = stopped;
    }

    /**
     * @param lastHad the last message id the user had of each channel (live), by channel
     * @param since when the user's first socket was ready, epoch microseconds: nothing older is owed to it
     */
    List<HistoryRead> read(String user, String bearer, Map<String, String> lastHad, long since) {
        long started = nowMicros.getAsLong();
        Reader reader = new Reader(bearer, System.nanoTime() + PATIENCE.toNanos());
        List<String> channels = reader.channels();
        List<HistoryRead> reads = new ArrayList<>();
        if (!reader.ok) { // the read is on record all the same: a resync nobody read after must not look unread
            reads.add(new HistoryRead(user, null, List.of(), false, started, nowMicros.getAsLong()));
        }
        for (String channel : channels) {
            List<String> ids = new ArrayList<>();
            boolean complete = reader.messages(channel, lastHad.get(channel), since, ids);
            reads.add(new HistoryRead(user, channel, ids, complete, started, nowMicros.getAsLong()));
        }
        return reads;
    }

    /** One catch-up's calls: its token, its deadline for waiting out 429s, and whether it may go on. */
    private final class Reader {
        final String bearer;
        final long deadline;
        boolean ok = true;

        Reader(String bearer, long deadline) {
            this.bearer = bearer;
            this.deadline = deadline;
        }

        List<String> channels() {
            List<String> channels = new ArrayList<>();
            String cursor = null;
            do {
                String after = cursor;
                Page<MyChannel> page = call(api -> api.myChannels(bearer, after, 1000));
                if (page == null) {
                    ok = false;
                    return channels;
                }
                page.items().forEach(c -> channels.add(c.channelId()));
                cursor = page.last() ? null : page.nextCursor();
            } while (cursor != null);
            return channels;
        }

        /**
         * Adds the channel's missed message ids to {@code ids}; true when it read all it meant to. A last id the API
         * does not take as a cursor (an event that is no message) falls back to reading back to {@code since}.
         */
        boolean messages(String channel, String after, long since, List<String> ids) {
            if (after != null && messages(channel, after, true, since, ids)) {
                return true;
            }
            ids.clear();
            return messages(channel, null, false, since, ids);
        }

        private boolean messages(String channel, String after, boolean forward, long since, List<String> ids) {
            String cursor = after;
            for (int pages = 0; pages < MAX_PAGES; pages++) {
                HistoryQuery query = cursor == null
                        ? HistoryQuery.newest(PAGE)
                        : forward ? HistoryQuery.after(cursor, PAGE) : HistoryQuery.before(cursor, PAGE);
                HistoryPage page = call(api -> api.history(bearer, channel, query));
                if (page == null) {
                    return false;
                }
                boolean older = false;
                for (HistoryMessage m : page.messages()) {
                    if (!forward && createdBefore(m, since)) {
                        older = true;
                        break;
                    }
                    ids.add(m.id());
                    cursor = m.id();
                }
                if (older || !page.hasMore()) {
                    return true;
                }
            }
            return false;
        }

        /** A call's answer, or null when refused, unreachable, stopped or out of patience for 429s. */
        private <T> T call(java.util.function.Function<ChorusClient, T> call) {
            long left = deadline - System.nanoTime();
            if (stopped.getAsBoolean() || left <= 0) {
                return null;
            }
            RateLimitWait wait = RateLimitWait.within(Duration.ofNanos(left), this::pauseUnlessStopped);
            try {
                return call.apply(client.withRateLimitWait(wait));
            } catch (RuntimeException refusedOrUnreachableOrStopped) { // e.g. a killed query instance: incomplete
                return null;
            }
        }

        /** Waits out a 429, unless the fleet stopped meanwhile: then the read ends, incomplete. */
        private void pauseUnlessStopped(Duration wait) {
            if (stopped.getAsBoolean()) {
                throw new IllegalStateException("stopped while waiting out a 429");
            }
            pause.accept(wait);
        }
    }

    private static boolean createdBefore(HistoryMessage message, long sinceMicros) {
        Instant created = message.createdAt();
        if (created == null) {
            return false; // kept: a message whose age is unknown may be one the user missed
        }
        return created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000 < sinceMicros;
    }
}
