package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the store through the Query Service's history endpoint, newest first, 200 a page, to the channel's first
 * message. Lists every channel again until the total has not changed for {@code quiet}: the message writer
 * acknowledges events after writing them, so a listing that stopped growing is one it has caught up with. Past
 * {@code deadline} it returns the last listing as it is (a message still missing then is judged lost).
 *
 * <p>Each stored message comes with its {@code clientMsgId} (decision 0038), so the loss checker sees one send
 * stored under two message ids as well as one id stored twice. A message stored before the history kept it has
 * none (null).
 */
public final class HistoryApiCollector implements StoreCollector {
    private static final int PAGE = 200;

    private final Duration quiet;
    private final Duration deadline;
    private final HttpJson http = new HttpJson(Duration.ofSeconds(30));

    public HistoryApiCollector() {
        this(Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    public HistoryApiCollector(Duration quiet, Duration deadline) {
        this.quiet = quiet;
        this.deadline = deadline;
    }

    @Override
    public StoreListing collect(StackDescription stack, Map<String, String> readers, Seeder.Seeded users) {
        String query = stack.services().query().url();
        long start = System.nanoTime();
        List<StoredMessage> listing = listAll(query, readers, users);
        long changedAt = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            Poll.pause(Duration.ofMillis(250));
            List<StoredMessage> again = listAll(query, readers, users);
            if (again.size() != listing.size()) {
                changedAt = System.nanoTime();
            } else if (System.nanoTime() - changedAt >= quiet.toNanos()) {
                return new StoreListing(again);
            }
            listing = again;
        }
        return new StoreListing(listing);
    }

    private List<StoredMessage> listAll(String query, Map<String, String> readers, Seeder.Seeded users) {
        List<StoredMessage> all = new ArrayList<>();
        readers.forEach((channel, reader) -> list(query, channel, users.tokenFor(reader), all));
        return all;
    }

    private void list(String query, String channel, String token, List<StoredMessage> into) {
        String before = null;
        do {
            String url = query + "/v1/channels/" + channel + "/messages?limit=" + PAGE
                    + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
            HttpJson.Answer page = page(url, token);
            if (page.status() != 200) {
                throw new IllegalStateException("listing " + channel + " failed: " + page);
            }
            before = null;
            for (JsonNode message : page.json().path("messages")) {
                String id = message.path("id").asText();
                JsonNode clientMsgId = message.path("clientMsgId");
                into.add(new StoredMessage(channel, id, clientMsgId.isTextual() ? clientMsgId.asText() : null));
                before = id;
            }
            if (!page.json().path("hasMore").asBoolean(false)) {
                before = null;
            }
        } while (before != null);
    }

    /** One page; a 429 (the query service limits each user's rate, decision 0112) is waited out as it says. */
    private HttpJson.Answer page(String url, String token) {
        HttpJson.Answer page = http.get(url, token);
        for (int retries = 0; page.status() == 429 && retries < 60; retries++) {
            Poll.pause(Duration.ofSeconds(1)); // the Retry-After the query service sends
            page = http.get(url, token);
        }
        return page;
    }
}
