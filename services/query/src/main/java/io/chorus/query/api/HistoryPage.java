package io.chorus.query.api;

import java.util.List;

/**
 * A page of history. Newest first, unless only {@code after} was given (then oldest first, for catching up).
 * {@code hasMore}: another page exists in the same direction; pass the last message's id as the next cursor.
 */
public record HistoryPage(List<HistoryMessage> messages, boolean hasMore) {}
