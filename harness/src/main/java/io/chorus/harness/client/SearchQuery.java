package io.chorus.harness.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of {@code GET /v1/search}: the words, and optionally one channel, a time range (ISO-8601), the
 * cursor of the page before, and a page size. Unset fields are null.
 */
public record SearchQuery(String q, String channelId, String from, String to, String cursor, Integer limit) {

    public static SearchQuery of(String q) {
        return new SearchQuery(q, null, null, null, null, null);
    }

    public SearchQuery inChannel(String channel) {
        return new SearchQuery(q, channel, from, to, cursor, limit);
    }

    public SearchQuery after(String nextCursor) {
        return new SearchQuery(q, channelId, from, to, nextCursor, limit);
    }

    public SearchQuery limit(int size) {
        return new SearchQuery(q, channelId, from, to, cursor, size);
    }

    /** The query parameters that are set, in the API's order. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "q", q);
        put(p, "channelId", channelId);
        put(p, "from", from);
        put(p, "to", to);
        put(p, "cursor", cursor);
        put(p, "limit", limit == null ? null : limit.toString());
        return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }
}
