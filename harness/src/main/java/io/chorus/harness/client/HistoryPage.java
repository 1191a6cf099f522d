package io.chorus.harness.client;

import java.util.List;

/** A page of history; with {@code hasMore} the page is full and its last message's id is the next cursor. */
public record HistoryPage(List<HistoryMessage> messages, boolean hasMore) {
    /** The cursor of the next page in the same direction, or null when there is none. */
    public String nextCursor() {
        return hasMore && !messages.isEmpty()
                ? messages.get(messages.size() - 1).id()
                : null;
    }
}
