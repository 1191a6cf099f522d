package io.chorus.harness.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which page of a channel's history: newest first {@code before} a message id (or from the newest), or oldest
 * first {@code after} one; at most {@code limit} messages (null: the API's default).
 */
public record HistoryQuery(String before, String after, Integer limit) {

    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(null, null, limit);
    }

    public static HistoryQuery before(String messageId, int limit) {
        return new HistoryQuery(messageId, null, limit);
    }

    public static HistoryQuery after(String messageId, int limit) {
        return new HistoryQuery(null, messageId, limit);
    }

    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (limit != null) {
            p.put("limit", limit.toString());
        }
        if (before != null) {
            p.put("before", before);
        }
        if (after != null) {
            p.put("after", after);
        }
        return p;
    }
}
