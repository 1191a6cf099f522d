package io.chorus.common.events;

import java.util.HashSet;
import java.util.Set;

/**
 * Who a message's text mentions: the push worker pushes them, the Query Service counts their unread mentions, and
 * both must read the same text the same way.
 */
public final class Mentions {
    private Mentions() {}

    /**
     * The user ids mentioned in {@code text}: {@code @} followed by an id (1-64 of {@code A-Z a-z 0-9 _ -}), where the
     * {@code @} does not follow an id character ({@code alice@example.com} mentions nobody).
     */
    public static Set<String> in(String text) {
        Set<String> ids = new HashSet<>();
        if (text == null) {
            return ids;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '@' || (i > 0 && isIdChar(text.charAt(i - 1)))) {
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isIdChar(text.charAt(end))) {
                end++;
            }
            if (end > i + 1 && end - i - 1 <= 64) {
                ids.add(text.substring(i + 1, end));
            }
            i = end - 1;
        }
        return ids;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
