package io.chorus.query.core;

import io.chorus.query.api.HistoryMessage;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.api.Reaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Folds stored reaction rows (one per message, emoji and user) into what a history page shows per message: each
 * emoji once, with how many users reacted with it and whether the caller did. A user is one row per emoji and
 * message whatever number of times they added it, so counts are of users.
 */
public final class ReactionTally {
    private static final Comparator<Reaction> MOST_USED_FIRST =
            Comparator.comparingInt(Reaction::count).reversed().thenComparing(Reaction::emoji);

    private ReactionTally() {}

    /** One stored reaction. */
    public record Row(UUID messageId, String emoji, String userId) {}

    /** The reactions of each message that has any, most used first (ties by emoji). */
    public static Map<UUID, List<Reaction>> tally(Iterable<Row> rows, String caller) {
        Map<UUID, Map<String, int[]>> counts = new HashMap<>();
        Map<UUID, Map<String, Boolean>> mine = new HashMap<>();
        for (Row row : rows) {
            counts.computeIfAbsent(row.messageId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(row.emoji(), e -> new int[1])[0]++;
            if (row.userId().equals(caller)) {
                mine.computeIfAbsent(row.messageId(), id -> new HashMap<>()).put(row.emoji(), true);
            }
        }
        Map<UUID, List<Reaction>> tallied = new HashMap<>();
        counts.forEach((message, byEmoji) -> {
            Map<String, Boolean> its = mine.getOrDefault(message, Map.of());
            List<Reaction> reactions = new ArrayList<>(byEmoji.size());
            byEmoji.forEach((emoji, n) -> reactions.add(new Reaction(emoji, n[0], its.containsKey(emoji))));
            reactions.sort(MOST_USED_FIRST);
            tallied.put(message, List.copyOf(reactions));
        });
        return tallied;
    }

    /** The page with each message's reactions. */
    public static HistoryPage attach(HistoryPage page, Map<UUID, List<Reaction>> reactions) {
        List<HistoryMessage> messages = new ArrayList<>(page.messages().size());
        for (HistoryMessage message : page.messages()) {
            messages.add(message.withReactions(reactions.getOrDefault(message.id(), List.of())));
        }
        return new HistoryPage(messages, page.hasMore());
    }
}
