package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.stack.HttpJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * <p>A 429 (the query service limits each user's rate, decision 0112) is waited out for its {@code Retry-After} (1 s
 * when it gives none), within {@link #PATIENCE} for the whole catch-up; past that, or on any other refusal, the
 * channel's read is recorded as incomplete with what it had, and so are the channels not reached. At most
 * {@value #MAX_PAGES} pages a channel: a client showing a conversation does not page through an unbounded backlog.
 */
final class HistoryCatchUp {
    static final int PAGE = 200;
    static final int MAX_PAGES = 50;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A GET with a bearer token. */
    interface Get {
        HttpJson.Answer get(String url, String bearer);
    }

    private final String query;
    private final Get http;
    private final Consumer<Duration> pause;
    private final LongSupplier nowMicros;
    private final BooleanSupplier stopped;

    HistoryCatchUp(String queryUrl, Get http, Consumer<Duration> pause, LongSupplier nowMicros,
            BooleanSupplier stopped) {
        this.query = queryUrl;
        this.http = http;
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
                HttpJson.Answer page = get(query + "/v1/users/me/channels?limit=1000"
                        + (cursor == null ? "" : "&cursor=" + encode(cursor)));
                if (page == null) {
                    ok = false;
                    return channels;
                }
                page.json().path("items").forEach(c -> channels.add(c.path("channelId").asText()));
                cursor = page.json().path("nextCursor").isTextual() ? page.json().path("nextCursor").asText() : null;
            } while (cursor != null && !cursor.isEmpty());
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
                HttpJson.Answer page = get(query + "/v1/channels/" + channel + "/messages?limit=" + PAGE
                        + (cursor == null ? "" : (forward ? "&after=" : "&before=") + encode(cursor)));
                if (page == null) {
                    return false;
                }
                boolean older = false;
                for (JsonNode m : page.json().path("messages")) {
                    if (!forward && createdBefore(m, since)) {
                        older = true;
                        break;
                    }
                    ids.add(m.path("id").asText());
                    cursor = m.path("id").asText();
                }
                if (older || !page.json().path("hasMore").asBoolean(false)) {
                    return true;
                }
            }
            return false;
        }

        /** A 200's answer, or null when refused or out of patience (429s waited out while patience lasts). */
        private HttpJson.Answer get(String url) {
            while (!stopped.getAsBoolean()) {
                HttpJson.Answer answer;
                try {
                    answer = http.get(url, bearer);
                } catch (RuntimeException unreachable) { // a killed or cut query instance: the read is incomplete
                    return null;
                }
                if (answer.status() == 200) {
                    return answer;
                }
                Duration wait = Duration.ofSeconds(Math.max(1, answer.retryAfterSeconds()));
                if (answer.status() != 429 || System.nanoTime() + wait.toNanos() > deadline) {
                    return null;
                }
                pause.accept(wait);
            }
            return null;
        }
    }

    private static boolean createdBefore(JsonNode message, long sinceMicros) {
        try {
            Instant created = Instant.parse(message.path("createdAt").asText());
            return created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000 < sinceMicros;
        } catch (DateTimeParseException unknown) {
            return false; // kept: a message whose age is unknown may be one the user missed
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
