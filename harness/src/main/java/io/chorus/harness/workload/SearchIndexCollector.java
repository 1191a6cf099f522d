package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.harness.Poll;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * After the run has drained: lists what the search index holds for the channels the run wrote to, read from
 * Elasticsearch itself (not through the search API, whose relevance and page bounds would hide documents), for the
 * search index checker. A deleted message's tombstone (a document without text) is not listed: search must not
 * find it. As {@link HistoryApiCollector}, it lists again until the total has not changed for {@code quiet} (the
 * indexer acknowledges events after writing them), and past {@code deadline} returns the last listing as it is.
 */
public final class SearchIndexCollector {
    private static final String ALIAS = "chorus-messages";
    private static final int PAGE = 1_000;
    private static final int CHANNELS_PER_QUERY = 1_000;

    private final Duration quiet;
    private final Duration deadline;
    private final HttpJson http = new HttpJson(Duration.ofSeconds(30));

    public SearchIndexCollector() {
        this(Duration.ofSeconds(3), Duration.ofMinutes(2));
    }

    public SearchIndexCollector(Duration quiet, Duration deadline) {
        this.quiet = quiet;
        this.deadline = deadline;
    }

    public StoreListing collect(StackDescription stack, List<String> channels) {
        String es = stack.elasticsearch().url();
        long start = System.nanoTime();
        List<StoredMessage> listing = listAll(es, channels);
        long changedAt = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            Poll.pause(Duration.ofMillis(500));
            List<StoredMessage> again = listAll(es, channels);
            if (again.size() != listing.size()) {
                changedAt = System.nanoTime();
            } else if (System.nanoTime() - changedAt >= quiet.toNanos()) {
                return new StoreListing(again);
            }
            listing = again;
        }
        return new StoreListing(listing);
    }

    private List<StoredMessage> listAll(String es, List<String> channels) {
        HttpJson.Answer refresh = http.postJson(es + "/" + ALIAS + "/_refresh", "");
        if (refresh.status() != 200) {
            throw new IllegalStateException("refreshing the search index failed: " + refresh);
        }
        List<StoredMessage> all = new ArrayList<>();
        for (int from = 0; from < channels.size(); from += CHANNELS_PER_QUERY) {
            list(es, channels.subList(from, Math.min(channels.size(), from + CHANNELS_PER_QUERY)), all);
        }
        return all;
    }

    /** Pages through the documents of these channels in message id order ({@code search_after}). */
    private void list(String es, List<String> channels, List<StoredMessage> into) {
        JsonNode after = null;
        while (true) {
            ObjectNode query = HttpJson.JSON.createObjectNode().put("size", PAGE);
            ArrayNode terms = query.putObject("query").putObject("terms").putArray("channelId");
            channels.forEach(terms::add);
            query.putArray("sort").addObject().put("messageId", "asc");
            query.putArray("_source").add("messageId").add("channelId").add("text");
            if (after != null) {
                query.set("search_after", after);
            }
            HttpJson.Answer page = http.postJson(es + "/" + ALIAS + "/_search", query.toString());
            if (page.status() != 200) {
                throw new IllegalStateException("listing the search index failed: " + page);
            }
            JsonNode hits = page.json().path("hits").path("hits");
            for (JsonNode hit : hits) {
                JsonNode source = hit.path("_source");
                if (source.path("text").isTextual()) {
                    into.add(new StoredMessage(
                            source.path("channelId").asText(),
                            source.path("messageId").asText(),
                            null));
                }
                after = hit.path("sort");
            }
            if (hits.size() < PAGE) {
                return;
            }
        }
    }
}
