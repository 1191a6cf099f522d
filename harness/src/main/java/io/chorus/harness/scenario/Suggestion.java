package io.chorus.harness.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The closest allowed word to a misspelt one, by edit distance, when it is close enough to be a typo. */
final class Suggestion {
    private Suggestion() {}

    static Optional<String> closest(String word, List<String> allowed) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        return allowed.stream()
                .min(Comparator.comparingInt(a -> distance(lower, a.toLowerCase(java.util.Locale.ROOT))))
                .filter(a -> distance(lower, a.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, a.length() / 3));
    }

    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE; // nobody misspells a field name by that much; keeps the cost bounded
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
